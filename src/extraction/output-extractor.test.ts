import { SimsimError } from '../base/errors.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { customTypeFrom, type CustomType } from '../model/custom-types.ts';
import type { Turn } from '../conversation/types.ts';
import type { OutputSpec } from '../model/output-type.ts';
import { BUILTIN_DIRS } from '../base/package-paths.ts';
import { parseOutputType } from '../model/output-type.ts';
import type { JsonCompleter } from '../conversation/ports.ts';
import { missingOutputsError } from './missing-outputs.ts';
import { createOutputExtractor } from './output-extractor.ts';

function builtinType(name: string): CustomType {
  const file = join(BUILTIN_DIRS.types, `${name}.yml`);
  const type = customTypeFrom(parse(readFileSync(file, 'utf8')), file, true);
  if (!type) throw new Error(name);
  return type;
}

function spec(name: string, typeText: string, description: string, customType?: CustomType): OutputSpec {
  const type = parseOutputType(typeText);
  if (type.kind === 'invalid') throw new Error(type.message);
  return { name, typeText, type, description, customType };
}

const at = '2026-01-10T12:00:00.000Z';
function chat(...lines: string[]): Turn[] {
  return lines.map((text, i) => ({ role: i % 2 === 0 ? 'user' : 'assistant', text, at }));
}

// A Saturday, noon local time: relative dates resolve from here.
const now = () => new Date(2026, 0, 10, 12, 0, 0);
const offline = createOutputExtractor({ now });

describe('deterministic extraction', () => {
  const history = chat(
    'Hi, I want a small pizza and 2 cokes. My number is 555-0100. Is the total $99?',
    'Sure! Your order ORD-1042 is confirmed. The total price is $12.50 for 3 items, and delivery will take about 25 minutes.',
    'Great. When can I pick it up? Do you deliver on Sundays?',
    'Yes, we deliver every day. You can pick it up tomorrow at 2:30 pm, or call us at +1 (555) 123-4567, or write to orders@pizza.example.',
  );

  it('finds money with value and currency, preferring what the chatbot said', async () => {
    const [price] = await offline.extract(
      [spec('price', 'money', 'the total price of the order', builtinType('money'))],
      history,
    );
    expect(price).toEqual({
      name: 'price',
      value: { value: 12.5, currency: '$' },
      status: 'ok',
      raw: '$12.50',
      method: 'pattern',
    });
  });

  it('finds a custom type by its format regex, using the description to choose', async () => {
    const [id, phone, email] = await offline.extract(
      [
        spec('order_id', 'order_id', 'the order identifier', builtinType('order_id')),
        spec('phone', 'phone_number', 'the phone number to call', builtinType('phone_number')),
        spec('email', 'email', 'the email address', builtinType('email')),
      ],
      history,
    );
    expect(id?.value).toBe('ORD-1042');
    expect(phone?.value).toBe('+1 (555) 123-4567');
    expect(email?.value).toBe('orders@pizza.example');
  });

  it('reads ints and floats next to their words', async () => {
    const [items, total] = await offline.extract(
      [spec('items', 'int', 'how many items were ordered'), spec('total', 'float', 'total price')],
      chat('hi', 'You ordered 3 items. Total price: 12.5 points.'),
    );
    expect(items).toMatchObject({ value: 3, status: 'ok', method: 'pattern' });
    expect(total).toMatchObject({ value: 12.5, status: 'ok' });
  });

  it('reads times of day and durations as hh:mm:ss, or in time(fmt)', async () => {
    const outputs = await offline.extract(
      [
        spec('wait', 'time', 'how long delivery will take'),
        spec('pickup', 'time(%H:%M)', 'when to pick it up'),
        spec('pickup12', 'time(%I:%M %p)', 'pick up time'),
      ],
      history,
    );
    expect(outputs.map((o) => o.value)).toEqual(['00:25:00', '14:30', '02:30 PM']);
  });

  it('resolves relative dates against the injected clock, in date or date(fmt)', async () => {
    const outputs = await offline.extract(
      [spec('pickup_day', 'date', 'the day to pick it up'), spec('day_fmt', 'date(%d/%m/%Y)', 'pick up day')],
      history,
    );
    expect(outputs.map((o) => o.value)).toEqual(['2026-01-11', '11/01/2026']);
    const [absolute] = await offline.extract(
      [spec('d', 'date', 'booking date')],
      chat('hi', 'Your booking date is 6/11/2024.'),
    );
    expect(absolute?.value).toBe('2024-11-06');
    const [inDays] = await offline.extract(
      [spec('d', 'date', 'arrival date')],
      chat('hi', 'The arrival date is in 3 days.'),
    );
    expect(inDays?.value).toBe('2026-01-13');
  });

  it('reads a yes or no about the subject of the question', async () => {
    const [sundays, gluten] = await offline.extract(
      [
        spec('delivers_sundays', 'bool', 'whether they deliver on sundays'),
        spec('gluten', 'bool', 'gluten free options'),
      ],
      history,
    );
    expect(sundays).toMatchObject({ value: true, status: 'ok' });
    expect(gluten).toMatchObject({ value: null, status: 'missing' });
    const [no] = await offline.extract(
      [spec('vegan', 'bool', 'vegan cheese available')],
      chat('Do you have vegan cheese?', "Sorry, we don't have vegan cheese."),
    );
    expect(no?.value).toBe(false);
  });

  it('collects list[T] values', async () => {
    const [prices] = await offline.extract(
      [spec('prices', 'list[money]', 'the prices of the pizzas', builtinType('money'))],
      chat('menu?', 'Our pizza prices: margherita $9.50, pepperoni $11, veggie 10,50 €.'),
    );
    expect(prices?.value).toEqual([
      { value: 9.5, currency: '$' },
      { value: 11, currency: '$' },
      { value: 10.5, currency: '€' },
    ]);
  });

  it('supports a project custom type whose format accepts only a few words', async () => {
    const size = customTypeFrom(
      { name: 'pizza_size', format: "r'small|medium|large'", extraction: 'str' },
      'types/pizza_size.yml',
      false,
    );
    const [value] = await offline.extract(
      [spec('size', 'pizza_size', 'the size of the pizza', size)],
      chat('hi', 'A large pizza it is.'),
    );
    expect(value).toMatchObject({ value: 'large', status: 'ok' });
  });

  it('does not take what only the user said, and leaves free text to the LLM', async () => {
    const outputs = await offline.extract(
      [
        spec('phone', 'phone_number', 'phone', builtinType('phone_number')),
        spec('name', 'str', 'the name of the chatbot'),
      ],
      chat('Call me at 555-0100-22', 'I will.'),
    );
    expect(outputs).toEqual([
      { name: 'phone', value: null, status: 'missing' },
      { name: 'name', value: null, status: 'missing' },
    ]);
    expect(missingOutputsError(outputs)).toEqual({ code: 1001, message: '2 goals left to complete.' });
    expect(missingOutputsError([{ name: 'x', value: 1, status: 'ok' }])).toBeUndefined();
  });

  it('skips assistant error turns', async () => {
    const history: Turn[] = [
      { role: 'user', text: 'price?', at },
      { role: 'assistant', text: 'Error 500 costs $5.00', error: { code: 500, message: 'chatbot server error' }, at },
    ];
    const [price] = await offline.extract([spec('price', 'money', 'price', builtinType('money'))], history);
    expect(price?.status).toBe('missing');
  });
});

/** A fake of the LLM port: records the call and answers with canned JSON. */
class FakeCompleter implements JsonCompleter {
  calls: { system: string; user: string; schema: object }[] = [];
  private readonly answer: unknown;
  constructor(answer: unknown) {
    this.answer = answer;
  }
  completeJson(args: { system: string; user: string; schema: object }): Promise<unknown> {
    this.calls.push(args);
    return Promise.resolve(this.answer);
  }
}

describe('LLM extraction', () => {
  // Two amounts, two times and two days with no word of the descriptions: the patterns cannot choose.
  const history = chat(
    'Who are you and how much is it?',
    'I am PizzaBot. A pizza costs 12.50 USD or 15.00 USD, with cheese and ham; pick it up at 2:30 PM or 3:00 PM, tomorrow or on Monday.',
  );
  const specs = [
    spec('bot_name', 'str', 'the name of the chatbot'),
    spec('price', 'money', 'the price', builtinType('money')),
    spec('ready', 'time', 'when it is ready'),
    spec('day', 'date(%d/%m/%Y)', 'the day it is ready'),
    spec('count', 'int', 'number of pizzas'),
    spec('vegan', 'bool', 'vegan options'),
    spec('toppings', 'list[str]', 'toppings offered'),
    spec('order', 'order_id', 'the order id', builtinType('order_id')),
  ];

  it('makes one structured call for what patterns left, validated against the schema', async () => {
    const fake = new FakeCompleter({
      bot_name: 'PizzaBot',
      price: { value: 12.5, currency: 'USD' },
      ready: '2:30 PM',
      day: 'tomorrow',
      count: 'two',
      vegan: null,
      toppings: ['cheese', 'ham'],
      order: 'not an id!',
    });
    const outputs = await createOutputExtractor({ now, completer: fake }).extract(specs, history);
    expect(fake.calls).toHaveLength(1);
    const call = fake.calls[0];
    expect(call?.system).toContain('Today is 2026-01-10');
    expect(call?.user).toContain('Assistant: I am PizzaBot.');
    expect(call?.schema).toMatchObject({
      type: 'object',
      required: specs.map((s) => s.name),
      additionalProperties: false,
      properties: {
        bot_name: { type: ['string', 'null'] },
        price: { type: ['object', 'null'], required: ['value', 'currency'], additionalProperties: false },
        count: { type: ['integer', 'null'] },
        vegan: { type: ['boolean', 'null'] },
        toppings: { type: ['array', 'null'], items: { type: 'string' } },
      },
    });
    expect(Object.fromEntries(outputs.map((o) => [o.name, [o.status, o.value, o.raw]]))).toEqual({
      bot_name: ['ok', 'PizzaBot', 'PizzaBot'],
      price: ['ok', { value: 12.5, currency: 'USD' }, '{"value":12.5,"currency":"USD"}'],
      ready: ['ok', '14:30:00', '2:30 PM'],
      day: ['ok', '11/01/2026', 'tomorrow'],
      count: ['invalid', null, 'two'],
      vegan: ['missing', null, undefined],
      toppings: ['ok', ['cheese', 'ham'], '["cheese","ham"]'],
      order: ['invalid', null, 'not an id!'],
    });
    expect(outputs.every((o) => o.method === 'llm')).toBe(true);
  });

  it('asks only about outputs the patterns could not settle, and keeps declaration order', async () => {
    const fake = new FakeCompleter({ bot_name: 'PizzaBot' });
    const outputs = await createOutputExtractor({ now, completer: fake }).extract(
      [
        spec('bot_name', 'str', 'the name of the chatbot'),
        spec('order', 'order_id', 'the order id', builtinType('order_id')),
      ],
      chat('hi', 'I am PizzaBot. Your order id is A7X9K2.'),
    );
    expect(Object.keys((fake.calls[0]?.schema as { properties: object }).properties)).toEqual(['bot_name']);
    expect(outputs.map((o) => [o.name, o.value, o.method])).toEqual([
      ['bot_name', 'PizzaBot', 'llm'],
      ['order', 'A7X9K2', 'pattern'],
    ]);
  });

  it('records values that break the schema or do not parse as invalid, never drops them', async () => {
    const fake = new FakeCompleter({ ready: 'whenever', when: 'someday', price: { value: 'cheap', currency: 'USD' } });
    const outputs = await createOutputExtractor({ now, completer: fake }).extract(
      [
        spec('ready', 'time', 'ready time'),
        spec('when', 'date', 'which day'),
        spec('price', 'money', 'price', builtinType('money')),
      ],
      chat('hi', 'hello'),
    );
    expect(outputs.map((o) => [o.status, o.raw])).toEqual([
      ['invalid', 'whenever'],
      ['invalid', 'someday'],
      ['invalid', '{"value":"cheap","currency":"USD"}'],
    ]);
  });

  it('records a value no chatbot message says as unsupported, and an amount in the currency field as invalid', async () => {
    const fake = new FakeCompleter({
      total: { value: 12.5, currency: '12.50 USD' },
      delivery: { value: 4.99, currency: 'USD' },
      pizzas: 2,
      guests: 7,
      name: 'PizzaBot',
      town: 'Valencia',
      pickup: '18:00',
    });
    const outputs = await createOutputExtractor({ now, completer: fake }).extract(
      [
        spec('total', 'money', 'the total', builtinType('money')),
        spec('delivery', 'money', 'the delivery fee', builtinType('money')),
        spec('pizzas', 'int', 'how many pizzas'),
        spec('guests', 'int', 'how many guests'),
        spec('name', 'str', 'the name of the chatbot'),
        spec('town', 'str', 'the town'),
        spec('pickup', 'time', 'the pick-up time'),
      ],
      chat(
        'Hi',
        'I am pizzabot. Two pizzas: that is 12.50 USD or, with extras, 14 USD.',
        'ok',
        'You can come at 6 pm.',
      ),
    );
    expect(outputs.map((o) => [o.name, o.status, o.value])).toEqual([
      ['total', 'invalid', null],
      ['delivery', 'unsupported', null],
      ['pizzas', 'ok', 2],
      ['guests', 'unsupported', null],
      ['name', 'ok', 'PizzaBot'],
      ['town', 'unsupported', null],
      ['pickup', 'ok', '18:00:00'],
    ]);
    expect(outputs[1]).toMatchObject({
      raw: '{"value":4.99,"currency":"USD"}',
      note: 'the LLM reported {"value":4.99,"currency":"USD"}, but no chatbot message says it',
    });
  });

  it('makes no call when the patterns found everything', async () => {
    const fake = new FakeCompleter({});
    await createOutputExtractor({ now, completer: fake }).extract(
      [spec('price', 'money', 'price', builtinType('money'))],
      chat('hi', 'It is $5.'),
    );
    expect(fake.calls).toHaveLength(0);
  });
});

describe('Spanish conversations', () => {
  it('reads dates, money and phone numbers next to Spanish descriptions', async () => {
    const history = chat(
      '¿Cuándo empieza el curso y cuánto cuesta?',
      'El curso empieza el 15 de septiembre de 2026. El precio de la matrícula es 250,50 €. Llame al CAU: 963 123 456.',
    );
    const outputs = await offline.extract(
      [
        spec('fecha', 'date', 'la fecha de comienzo de curso'),
        spec('precio', 'money', 'el precio de la matrícula', builtinType('money')),
        spec('telefono', 'phone_number', 'el numero de telefono del CAU', builtinType('phone_number')),
      ],
      history,
    );
    expect(outputs.map((o) => o.value)).toEqual(['2026-09-15', { value: 250.5, currency: '€' }, '963 123 456']);
  });
});

describe('when the LLM part of extraction fails', () => {
  class JsonFailure extends SimsimError {
    readonly code = 'SIMSIM_TEST_JSON';
    readonly scope = 'conversation';
  }

  it('keeps what patterns found and marks the rest missing with a note', async () => {
    const completer: JsonCompleter = {
      completeJson: () => Promise.reject(new JsonFailure('no JSON that fits the schema')),
    };
    const extractor = createOutputExtractor({ completer, now });
    const outputs = [
      spec('price', 'money', 'the total price', builtinType('money')),
      spec('waiting', 'string', 'how long it takes'),
    ];
    const result = await extractor.extract(outputs, chat('How much?', 'The total is $12.00.'));
    expect(result[0]).toMatchObject({ name: 'price', status: 'ok' });
    expect(result[1]).toMatchObject({
      name: 'waiting',
      status: 'missing',
      note: 'LLM extraction failed: no JSON that fits the schema',
    });
  });

  it('lets a cost cap or any other error through', async () => {
    const completer: JsonCompleter = { completeJson: () => Promise.reject(new TypeError('bug')) };
    await expect(
      createOutputExtractor({ completer, now }).extract([spec('waiting', 'string', 'how long')], chat('When?', 'soon')),
    ).rejects.toThrow('bug');
  });
});
