import { describe, expect, it } from 'vitest';
import { readBotReply } from './bot-reply.ts';

describe('readBotReply', () => {
  it('finds questions and requests, not statements', () => {
    const reading = readBotReply(
      'Your pizza is ready. What size would you like? Please choose a drink. We have cola, water and sprite, or beer if you choose so.',
    );
    expect(reading.questions).toEqual(['What size would you like?', 'Please choose a drink.']);
  });

  it.each([
    ['Shall I place the order?', true],
    ['Would you like a drink?', true],
    ['¿Quieres algo de beber?', true],
    ['Voulez-vous une boisson ?', true],
    ['Est-ce que vous voulez une boisson ?', true],
    ['Möchten Sie etwas trinken?', true],
    ['Vuoi qualcosa da bere?', true],
    ['Quer uma bebida?', true],
    ['What size would you like?', false],
    ['Which pizza?', false],
  ])('knows whether %j is a yes/no question', (text, yesNo) => {
    expect(readBotReply(text).yesNo).toBe(yesNo);
  });

  it.each([
    'Anything else?',
    'Can I help you with something else?',
    '¿Algo más?',
    'Autre chose ?',
    'Sonst noch etwas?',
    'Desidera qualcos’altro?',
    'Mais alguma coisa?',
  ])('hears "anything else" in %j', (text) => {
    expect(readBotReply(text).anythingElse).toBe(true);
  });

  it('splits a choice at its last "or" word', () => {
    expect(readBotReply('Would you like a predefined pizza or a custom one?').choice).toEqual({
      left: 'Would you like a predefined pizza',
      right: 'a custom one',
    });
    expect(readBotReply('¿Prefiere recoger o envío a domicilio?').choice).toEqual({
      left: 'Prefiere recoger',
      right: 'envío a domicilio',
    });
    expect(readBotReply('Or what?').choice).toBeUndefined();
    expect(readBotReply('The total is $12.').choice).toBeUndefined();
  });
});
