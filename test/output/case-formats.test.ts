import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { failedResult, pizzaResult } from '../helpers/conversation-fixtures.ts';
import { azureChatConversation, azureChatFileName, azureChatJson } from '../../src/output/formats/azure-chat.ts';
import { evalSetJsonl, evalSetLines } from '../../src/output/formats/eval-set.ts';
import { MESSAGES_CSV_COLUMNS, messagesCsv } from '../../src/output/formats/messages-csv.ts';

const templateParameters = {
  name: 'Jane',
  profile: 'Jane likes hiking.',
  tone: 'happy',
  metadata: { customer_info: 'Bronze member' },
  task: 'Jane wants a backpack.',
  chatbot_name: 'Shopbot',
};
const citations = [{ id: 'customer_info', content: 'Bronze member' }];

/** A starter bot's greeting, two answered turns, then a failure. */
const withGreeting = pizzaResult({
  turns: [
    { role: 'assistant', text: 'Welcome to the pizza shop!', at: '2025-01-27T13:39:17.000Z' },
    ...pizzaResult().turns,
    { role: 'user', text: 'And a drink?', at: '2025-01-27T13:39:25.000Z' },
    {
      role: 'assistant',
      text: 'Error: the chatbot answered HTTP 503',
      error: { code: 500, message: 'the chatbot answered HTTP 503' },
      at: '2025-01-27T13:39:26.000Z',
    },
  ],
});

describe('--format azure', () => {
  it('writes every message with its content, role, turn number, template parameters and citations', () => {
    const chat = azureChatConversation(withGreeting, { templateParameters, citations });
    expect(chat.messages).toHaveLength(7);
    expect(chat.messages[0]).toEqual({
      content: 'Welcome to the pizza shop!',
      role: 'assistant',
      turn_number: 0,
      template_parameters: templateParameters,
      context: { citations },
    });
    expect(chat.messages[1]).toEqual({
      content: "Hi! I'd like a small custom pizza with pepperoni and cheese, and 1 can of sprite.",
      role: 'user',
      turn_number: 1,
      template_parameters: templateParameters,
      context: { citations: [{ id: 'customer_info', content: 'Bronze member' }] },
    });
    expect(chat.messages.map((m) => [m.turn_number, m.role, m.content])).toEqual([
      [0, 'assistant', 'Welcome to the pizza shop!'],
      [1, 'user', "Hi! I'd like a small custom pizza with pepperoni and cheese, and 1 can of sprite."],
      [2, 'assistant', 'Sure! Your order ORD-1042 is confirmed. The total is $12.50 and it will arrive at 14:30.'],
      [3, 'user', "Great, thanks! Is it 'ready' soon?\nSecond line: yes"],
      [4, 'assistant', 'Yes: about 25 minutes. Anything else? 😄'],
      [5, 'user', 'And a drink?'],
      [6, 'assistant', 'Error: the chatbot answered HTTP 503'],
    ]);
  });

  it('writes a chatbot failure as an assistant message `Error: ...`, and empty parameters for a case without them', () => {
    const chat = azureChatConversation(failedResult());
    expect(chat.messages[1]).toEqual({
      content: 'Error: chatbot server error',
      role: 'assistant',
      turn_number: 1,
      template_parameters: {},
      context: { citations: [] },
    });
  });

  it('is one JSON document per conversation, with a file name per conversation', () => {
    const text = azureChatJson(pizzaResult(), { templateParameters, citations });
    expect(text.endsWith('}\n')).toBe(true);
    expect(Object.keys(JSON.parse(text) as object)).toEqual(['messages']);
    expect(azureChatFileName(failedResult())).toBe('1_pizza_order_test_custom.json');
    expect(azureChatFileName(pizzaResult({ testName: 'a/b' }))).toBe('0_a_b.json');
  });
});

describe('--format eval-set', () => {
  it('writes one line per user turn: the history up to it, the reply, the error, the tag and the conversation id', () => {
    const lines = evalSetLines(withGreeting, { tag: 'orders' });
    expect(lines).toHaveLength(3);
    expect(lines[0]).toEqual({
      request_id: 'pizza_order_test_custom/0/1',
      conversation_id: 'pizza_order_test_custom/0',
      turn: 1,
      request: {
        messages: [
          { role: 'assistant', content: 'Welcome to the pizza shop!' },
          {
            role: 'user',
            content: "Hi! I'd like a small custom pizza with pepperoni and cheese, and 1 can of sprite.",
          },
        ],
      },
      response: 'Sure! Your order ORD-1042 is confirmed. The total is $12.50 and it will arrive at 14:30.',
      error: null,
      retrieved_context: [],
      tag: 'orders',
    });
    expect(lines[1]?.request.messages).toHaveLength(4);
    expect(lines[1]?.request.messages.at(-1)).toEqual({
      role: 'user',
      content: "Great, thanks! Is it 'ready' soon?\nSecond line: yes",
    });
    expect(lines[1]?.response).toBe('Yes: about 25 minutes. Anything else? 😄');
    expect(lines[2]).toMatchObject({
      request_id: 'pizza_order_test_custom/0/3',
      turn: 3,
      response: 'Error: the chatbot answered HTTP 503',
      error: { code: 500, message: 'the chatbot answered HTTP 503' },
    });
  });

  it('gives a user turn that got no reply a null response, and no tag as null', () => {
    const cut = pizzaResult({
      status: 'interrupted',
      stopReason: 'interrupted',
      turns: pizzaResult().turns.slice(0, 3),
    });
    const lines = evalSetLines(cut);
    expect(lines.map((l) => [l.turn, l.response, l.tag])).toEqual([
      [1, 'Sure! Your order ORD-1042 is confirmed. The total is $12.50 and it will arrive at 14:30.', null],
      [2, null, null],
    ]);
  });

  it('is JSON Lines', () => {
    const text = evalSetJsonl(pizzaResult(), { tag: 't' });
    const parsed = text
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { turn: number });
    expect(parsed.map((p) => p.turn)).toEqual([1, 2]);
    expect(text.endsWith('\n')).toBe(true);
  });
});

describe('--format csv', () => {
  it('writes one row per message of every conversation, field by field', () => {
    const rows = parse<Record<string, string>>(messagesCsv([withGreeting, failedResult()]), { columns: true });
    expect(Object.keys(rows[0] ?? {})).toEqual([...MESSAGES_CSV_COLUMNS]);
    expect(rows).toHaveLength(9);
    expect(rows[0]).toEqual({
      conversation_id: 'pizza_order_test_custom/0',
      test_name: 'pizza_order_test_custom',
      conversation: '0',
      turn_number: '0',
      role: 'assistant',
      content: 'Welcome to the pizza shop!',
      error_code: '',
      response_seconds: '',
      at: '2025-01-27T13:39:17.000Z',
    });
    expect(rows[2]).toEqual({
      conversation_id: 'pizza_order_test_custom/0',
      test_name: 'pizza_order_test_custom',
      conversation: '0',
      turn_number: '2',
      role: 'assistant',
      content: 'Sure! Your order ORD-1042 is confirmed. The total is $12.50 and it will arrive at 14:30.',
      error_code: '',
      response_seconds: '1.12419',
      at: '2025-01-27T13:39:19.000Z',
    });
    expect(rows[3]?.content).toBe("Great, thanks! Is it 'ready' soon?\nSecond line: yes");
    expect(rows[6]).toMatchObject({
      role: 'assistant',
      turn_number: '6',
      content: 'Error: the chatbot answered HTTP 503',
      error_code: '500',
    });
    expect(rows[8]).toMatchObject({
      conversation_id: 'pizza_order_test_custom/1',
      conversation: '1',
      turn_number: '1',
      content: 'Error: chatbot server error',
      error_code: '500',
    });
  });

  it('keeps a spreadsheet from running a message as a formula', () => {
    const rows = parse<Record<string, string>>(
      messagesCsv([pizzaResult({ turns: [{ role: 'user', text: '=HYPERLINK("x")', at: 'now' }] })]),
      { columns: true },
    );
    expect(rows[0]?.content).toBe('\'=HYPERLINK("x")');
  });
});
