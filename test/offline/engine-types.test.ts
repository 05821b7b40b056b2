import { describe, expect, it } from 'vitest';
import type { Persona } from '../../src/conversation/persona.ts';
import { drawStyles } from '../../src/conversation/styles.ts';
import { createOfflineUser } from '../../src/offline/offline-user.ts';
import { domainsOf } from '../../src/offline/persona.ts';
import { createRng } from '../../src/base/random/rng.ts';

describe('offline user with the engine types', () => {
  it("takes the engine's Persona, drawn styles and a fork of the conversation's Rng", async () => {
    const random = createRng(7);
    const styles = drawStyles(
      [
        { kind: 'style', name: 'single questions' },
        { kind: 'change_language', languages: ['Spanish'] },
      ],
      random,
    );
    const persona: Persona = {
      role: 'you order a pizza',
      context: ['you are hungry'],
      language: 'English',
      goals: ['a large pizza', 'how much will it cost'],
      goalPhrase: 'please, ask about a large pizza or how much will it cost',
      values: { size: 'large' },
      styles,
    };
    const make = () =>
      createOfflineUser({
        ...persona,
        random: createRng(7).fork('offline-user'),
        domains: domainsOf([{ name: 'size', values: ['small', 'large'] }]),
      });
    const first = await make().next({ history: [], userTurns: 0, notes: [{ kind: 'language', language: 'Spanish' }] });
    expect(first.text).toContain('a large pizza');
    expect(first.text).not.toContain('how much');
    expect(first.text).toMatch(/¡Hola|Buenas/);
    expect(
      await make().next({ history: [], userTurns: 0, notes: [{ kind: 'language', language: 'Spanish' }] }),
    ).toEqual(first);
  });
});
