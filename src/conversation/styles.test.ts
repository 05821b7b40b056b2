import { describe, expect, it } from 'vitest';
import { createRng } from '../base/random/rng.ts';
import { drawGoalStyle, goalStyleMetadata } from './goal-style.ts';
import { drawStyles, drawTurnLanguage, stylesMetadata } from './styles.ts';

describe('interaction styles per conversation', () => {
  it('applies every listed style when there is no random', () => {
    const styles = drawStyles(
      [
        { kind: 'style', name: 'long phrases' },
        { kind: 'change_language', languages: ['Spanish'] },
      ],
      createRng(1),
    );
    expect(styles).toEqual({ names: ['long phrases'], changeLanguages: ['Spanish'] });
  });

  it('draws between 1 and n options of a leading random, reproducibly', () => {
    const specs = [
      {
        kind: 'random' as const,
        options: [
          { kind: 'style' as const, name: 'all questions' as const },
          { kind: 'style' as const, name: 'make spelling mistakes' as const },
          { kind: 'change_language' as const, languages: ['French'] },
        ],
      },
    ];
    const draws = Array.from({ length: 30 }, (_, i) => drawStyles(specs, createRng(i)));
    for (const d of draws) {
      const count = d.names.length + (d.changeLanguages ? 1 : 0);
      expect(count).toBeGreaterThanOrEqual(1);
      expect(count).toBeLessThanOrEqual(3);
    }
    expect(new Set(draws.map((d) => JSON.stringify(d))).size).toBeGreaterThan(2);
    expect(drawStyles(specs, createRng(5))).toEqual(drawStyles(specs, createRng(5)));
  });

  it('switches language in about 30% of turns', () => {
    const random = createRng(3);
    const styles = { names: [], changeLanguages: ['Italian'] };
    const turns = Array.from({ length: 2000 }, () => drawTurnLanguage(styles, 'English', random));
    const share = turns.filter((l) => l === 'Italian').length / turns.length;
    expect(share).toBeGreaterThan(0.25);
    expect(share).toBeLessThan(0.35);
    expect(stylesMetadata({ names: ['default'], changeLanguages: ['Italian'] }, ['English', 'Italian'])).toEqual([
      'default',
      { 'change languages': ['English', 'Italian'] },
    ]);
  });
});

describe('goal styles per conversation', () => {
  it('redraws random steps in 1..N and reports the drawn steps', () => {
    const drawn = Array.from({ length: 200 }, (_, i) => drawGoalStyle({ kind: 'random_steps', max: 4 }, createRng(i)));
    expect(new Set(drawn.map((d) => (d.kind === 'steps' ? d.steps : 0)))).toEqual(new Set([1, 2, 3, 4]));
    const active = drawGoalStyle({ kind: 'random_steps', max: 4 }, createRng(9));
    expect(goalStyleMetadata({ 'random steps': 4, max_cost: 0.1 }, { kind: 'random_steps', max: 4 }, active)).toEqual({
      steps: active.kind === 'steps' ? active.steps : 0,
      max_cost: 0.1,
    });
  });
});
