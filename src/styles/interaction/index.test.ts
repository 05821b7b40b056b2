import { describe, expect, it } from 'vitest';
import { createRng } from '../../base/random/rng.ts';
import {
  canonicalStyle,
  INTERACTION_STYLES,
  offlineTraits,
  postProcessor,
  STYLE_SPELLINGS,
  styleNamed,
} from './index.ts';

describe('the interaction styles', () => {
  it("accept every spelling Sensei's profiles use, case and spaces aside", () => {
    expect(canonicalStyle(' Long Phrase ')).toBe('long phrases');
    expect(canonicalStyle('single question')).toBe('single questions');
    expect(canonicalStyle('make spelling mistakes')).toBe('make spelling mistakes');
    expect(canonicalStyle('shout')).toBeUndefined();
    expect(STYLE_SPELLINGS).toEqual(
      expect.arrayContaining(['long phrase', 'long phrases', 'all questions', 'default', 'change language', 'random']),
    );
  });

  it('each has an instruction for the LLM-played user, and the offline traits combine', () => {
    for (const style of INTERACTION_STYLES) expect(styleNamed(style.name).instruction.length).toBeGreaterThan(10);
    expect(offlineTraits(['all questions', 'single questions'])).toMatchObject({ asks: 'all' });
    expect(offlineTraits(['single questions', 'long phrases'])).toMatchObject({
      asks: 'one',
      elaborates: true,
      typos: false,
    });
    expect(offlineTraits([])).toMatchObject({ asks: undefined, changesMind: false });
  });

  it('only make spelling mistakes changes what the user wrote, the same for the same seed', () => {
    expect(postProcessor(['default', 'long phrases'])).toBeUndefined();
    const typos = postProcessor(['make spelling mistakes']);
    const text = 'I would like a large pepperoni pizza and two cans of lemonade please';
    expect(typos?.(text, createRng(1))).toBe(typos?.(text, createRng(1)));
    expect(typos?.(text, createRng(1))).not.toBe(text);
  });
});
