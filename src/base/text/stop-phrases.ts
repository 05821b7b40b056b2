const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The first stop phrase a message says as whole words, in any case ("Bye!" says `bye`,
 * "byelaw" does not), or undefined. A conversation with stop phrases (Azure-style test cases)
 * ends when either side says one.
 */
export function saidStopPhrase(message: string, phrases: readonly string[]): string | undefined {
  for (const phrase of phrases) {
    const words = phrase.trim();
    if (words === '') continue;
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escape(words).replace(/\s+/g, '\\s+')}(?![\\p{L}\\p{N}])`, 'iu');
    if (pattern.test(message)) return phrase;
  }
  return undefined;
}
