/** The interaction styles a profile may list, keyed by every accepted spelling. */
export const STYLE_ALIASES = {
  'long phrase': 'long phrases',
  'long phrases': 'long phrases',
  'change your mind': 'change your mind',
  'make spelling mistakes': 'make spelling mistakes',
  'single question': 'single questions',
  'single questions': 'single questions',
  'all questions': 'all questions',
  default: 'default',
} as const;

export type StyleName = (typeof STYLE_ALIASES)[keyof typeof STYLE_ALIASES];

export const STYLE_SPELLINGS: readonly string[] = [...Object.keys(STYLE_ALIASES), 'change language', 'random'];

export function canonicalStyle(name: string): StyleName | undefined {
  return (STYLE_ALIASES as Record<string, StyleName>)[name.trim().toLowerCase()];
}
