import { it } from 'vitest';
import { createOfflineUser } from '../../src/offline/offline-user.ts';
import { seededRandom } from '../helpers/seeded-random.ts';
import { converse, dialogue } from './converse.ts';

const persona = (styles: string[], seed: number, extra = {}) => ({
  role: 'you order pizza',
  context: ['your name is Jon Doe', 'you are vegan'],
  language: 'English',
  goals: ['a small margarita pizza', '2 cans of coke', 'how long is going to take the pizza to arrive', 'how much will it cost'],
  values: { size: 'small', pizza_type: 'margarita', number: 2, drink: 'coke' },
  domains: { size: ['small', 'medium', 'large'], pizza_type: ['margarita', 'carbonara', 'hawaiian'], drink: ['sprite', 'coke', 'water'], number: [1, 2, 3] },
  styles,
  random: seededRandom(seed),
  ...extra,
});

it('smoke', async () => {
  for (const [styles, botStarts] of [[['default'], false], [['single questions', 'change your mind'], true], [['all questions', 'make spelling mistakes'], false], [['long phrases'], true]] as const) {
    const t = await converse(createOfflineUser(persona([...styles], 3)), { botStarts, languages: styles[0] === 'long phrases' ? { 1: 'Spanish' } : {} });
    console.log(styles.join(','), 'done=', t.done, '\n' + dialogue(t) + '\n');
  }
});
