import { describe, expect, it } from 'vitest';
import { createRng } from '../base/random/rng.ts';
import { readBotReply } from './bot-reply.ts';
import type { OfflinePersona } from './persona.ts';
import {
  askedVariables,
  chooseOption,
  goalWithValue,
  listedOptions,
  contextAnswering,
  firstPerson,
  goalsAnsweringQuestions,
  nameFromContext,
  variableCues,
  wantsYes,
} from './question-match.ts';

const persona: OfflinePersona = {
  role: 'a customer',
  context: ['your name is Ana Pérez', 'you are vegan'],
  language: 'English',
  goals: ['a small custom pizza with cheese, olives', '2 cans of sprite', 'how much will it cost'],
  values: { size: 'small', toppings: ['cheese', 'olives'], cans: 2, drink: 'sprite' },
  domains: { size: ['small', 'medium', 'large'], toppings: ['cheese', 'olives', 'ham'], drink: ['sprite', 'water'] },
  styles: ['default'],
  random: createRng(1),
};
const cues = variableCues(persona, 'and');
const asked = (text: string) => askedVariables(readBotReply(text), cues).map((c) => c.name);

describe('question matching', () => {
  it('builds cues from names, synonyms and the noun after a count', () => {
    expect(cues.find((c) => c.name === 'cans')?.cues).toEqual(expect.arrayContaining(['how many', 'quantity']));
    expect(cues.find((c) => c.name === 'cans')?.cues).not.toContain('can');
    expect(cues.find((c) => c.name === 'toppings')).toMatchObject({
      value: 'cheese and olives',
      options: ['cheese', 'olives', 'ham'],
    });
  });

  it.each([
    ['What size would you like?', ['size']],
    ['¿De qué tamaño la quiere?', ['size']],
    ['Quelle taille ?', ['size']],
    ['Which toppings would you like?', ['toppings']],
    ['How many cans?', ['cans']],
    ['Would you like something to drink?', ['drink']],
    ['We have small, medium and large. Which one?', ['size']],
    ['Your small pizza with cheese and olives is ready. Anything to add?', []],
    ['Your small pizza is ready.', []],
    ['What can I do for you?', []],
  ])('%j asks for %j', (text, names) => {
    expect(asked(text)).toEqual(names);
  });

  it('finds the goal holding a list value as substitution wrote it', () => {
    const toppings = cues.find((c) => c.name === 'toppings');
    expect(toppings).toMatchObject({ substituted: 'cheese, olives' });
    expect(toppings && goalWithValue(persona.goals, toppings)).toBe('a small custom pizza with cheese, olives');
  });

  it('finds request goals that answer a question by their words, never question goals', () => {
    expect(goalsAnsweringQuestions(readBotReply('Which pizza would you like?'), persona.goals)).toEqual([
      'a small custom pizza with cheese, olives',
    ]);
    expect(goalsAnsweringQuestions(readBotReply('How much do you want to spend?'), persona.goals)).toEqual([]);
  });

  it('picks the side of a choice it wants, and none when the sides do not differ for it', () => {
    expect(chooseOption({ left: 'Would you like a predefined pizza', right: 'a custom one' }, persona)).toBe('custom');
    expect(chooseOption({ left: 'Pick up', right: 'delivery' }, persona)).toBeUndefined();
  });

  it('reads the options a reply lists', () => {
    expect(listedOptions('Great. We have cola, lemonade, water, sprite and beer.')).toEqual([
      'cola',
      'lemonade',
      'water',
      'sprite',
      'beer',
    ]);
    expect(listedOptions('What size would you like: small, medium or large?')).toEqual(['small', 'medium', 'large']);
    expect(listedOptions('Tenemos queso, jamón y aceitunas.')).toEqual(['queso', 'jamón', 'aceitunas']);
    expect(listedOptions('We have a big oven and a nice terrace.')).toEqual([]);
  });

  it('says yes to confirmations and wanted offers', () => {
    expect(wantsYes('Shall I place the order?', persona)).toBe(true);
    expect(wantsYes('Would you like some sprite?', persona)).toBe(true);
    expect(wantsYes('Would you like a dessert?', persona)).toBe(false);
  });

  it('answers personal questions from the context, in the first person', () => {
    expect(contextAnswering(readBotReply("What's your name?"), persona.context)).toEqual(['my name is Ana Pérez']);
    expect(nameFromContext(persona.context)).toBe('Ana Pérez');
    expect(nameFromContext(['te llamas Luis.'])).toBe('Luis');
    expect(nameFromContext(['your name is Sam and you are hungry'])).toBe('Sam');
    expect(nameFromContext(['your name is jon'])).toBe('jon');
    expect(firstPerson("You're in a hurry and your address is 5 Main St.")).toBe(
      "I'm in a hurry and my address is 5 Main St",
    );
  });
});
