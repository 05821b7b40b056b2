import type { ConversationResult, Turn } from '../../src/conversation/types.ts';

/** Hand-built results, shaped like what the engine produces for the Sensei pizza examples. */
const at = (second: number) => new Date(Date.UTC(2025, 0, 27, 13, 39, 17 + second)).toISOString();

export function pizzaTurns(): Turn[] {
  return [
    {
      role: 'user',
      text: "Hi! I'd like a small custom pizza with pepperoni and cheese, and 1 can of sprite.",
      at: at(1),
    },
    {
      role: 'assistant',
      text: 'Sure! Your order ORD-1042 is confirmed. The total is $12.50 and it will arrive at 14:30.',
      responseSeconds: 1.12419,
      at: at(2),
    },
    { role: 'user', text: "Great, thanks! Is it 'ready' soon?\nSecond line: yes", at: at(3) },
    { role: 'assistant', text: 'Yes: about 25 minutes. Anything else? 😄', responseSeconds: 0.901378, at: at(4) },
  ];
}

export function pizzaResult(overrides: Partial<ConversationResult> = {}): ConversationResult {
  return {
    id: 'pizza_order_test_custom/0',
    index: 0,
    testName: 'pizza_order_test_custom',
    profileFile: 'profiles/pizza_order_test_custom.yml',
    serial: '2025-01-27-13-39-17',
    seed: '42:0',
    status: 'completed',
    stopReason: 'steps_reached',
    stopDetail: 'the user sent 2 messages (steps: 2)',
    turns: pizzaTurns(),
    errors: [],
    simulatorIssues: [],
    outputs: [
      { name: 'price', value: { value: 12.5, currency: '$' }, status: 'ok', raw: '$12.50', method: 'pattern' },
      { name: 'time', value: '14:30:00', status: 'ok', raw: '14:30', method: 'pattern' },
      { name: 'order_id', value: 'ORD-1042', status: 'ok', raw: 'ORD-1042', method: 'pattern' },
    ],
    metadata: {
      language: 'English',
      context: [{ personality: 'personalities/conversational-user.yml' }, 'your name is Jon Doe'],
      askAbout: [
        'a {{size}} custom pizza with {{toppings}}, {{size}}',
        '{{cans}} cans of {{drink}}',
        'how much will it cost',
        { size: ['small'] },
        { toppings: ['pepperoni', 'cheese'] },
        { cans: 1 },
        { drink: 'sprite' },
      ],
      interactionStyles: ['make spelling mistakes'],
      number: 2,
      goalStyle: { steps: 2 },
    },
    timing: {
      startedAt: at(0),
      endedAt: at(13),
      conversationSeconds: 13.2381394,
      responseTimes: [1.12419, 0.901378],
    },
    cost: {
      usd: 0.0005841,
      byModule: {
        user_simulator: { calls: 2, inputTokens: 900, outputTokens: 120, usd: 0.0002 },
        data_extraction: { calls: 1, inputTokens: 1500, outputTokens: 40, usd: 0.0003841 },
      },
    },
    ...overrides,
  };
}

/** A conversation that failed: the chatbot errored, outputs are missing. */
export function failedResult(overrides: Partial<ConversationResult> = {}): ConversationResult {
  return pizzaResult({
    id: 'pizza_order_test_custom/1',
    index: 1,
    seed: '42:1',
    status: 'failed',
    stopReason: 'chatbot_error',
    stopDetail: 'the chatbot answered HTTP 500',
    turns: [
      { role: 'user', text: 'Hey there, a big pizza please', at: at(20) },
      { role: 'assistant', text: '', error: { code: 500, message: 'chatbot server error' }, at: at(21) },
    ],
    errors: [
      { code: 500, message: 'Chatbot internal error' },
      { code: 1001, message: '3 goals left to complete.' },
    ],
    outputs: [
      { name: 'price', value: null, status: 'missing' },
      { name: 'time', value: null, status: 'invalid', raw: 'quarter past never' },
      { name: 'order_id', value: null, status: 'missing' },
    ],
    timing: { startedAt: at(20), endedAt: at(24), conversationSeconds: 4.353553, responseTimes: [] },
    cost: {
      usd: 0.00054135,
      byModule: { user_simulator: { calls: 1, inputTokens: 400, outputTokens: 60, usd: 0.00054135 } },
    },
    ...overrides,
  });
}

/** An all_answered conversation that exports Sensei's CSV. */
export function answeredResult(overrides: Partial<ConversationResult> = {}): ConversationResult {
  return pizzaResult({
    id: 'pizza_order_test_predefined/0',
    testName: 'pizza_order_test_predefined',
    profileFile: 'profiles/pizza_order_test_predefined.yml',
    stopReason: 'answered_limit',
    stopDetail: 'not every goal was answered within 3 messages (all_answered limit)',
    metadata: {
      language: 'English',
      context: ['your name is Ana'],
      askAbout: ['a small carbonara pizza', '{{cans}} cans of {{drink}}', { cans: 1 }, { drink: 'Coca-Cola' }],
      interactionStyles: [],
      number: 1,
      goalStyle: { all_answered: { export: true, limit: 3 } },
    },
    answered: [
      {
        goal: 'a small carbonara pizza',
        key: 'a_small_carbonara_pizza',
        answered: true,
        evidence: 'We do have a predefined Carbonara pizza; it is not vegan.',
      },
      {
        goal: '1 cans of Coca-Cola',
        key: '1_cans_of_Coca-Cola',
        answered: true,
        evidence: '=SUM(A1) "quoted"; we have cans',
      },
      { goal: 'how much will it cost', key: 'how_much_will_it_cost', answered: false, evidence: null },
    ],
    outputs: [{ name: 'price', value: null, status: 'missing' }],
    errors: [{ code: 1001, message: '1 goals left to complete.' }],
    cost: { usd: null, byModule: { data_gathering: { calls: 3, inputTokens: 3000, outputTokens: 90, usd: null } } },
    ...overrides,
  });
}

/** A second profile that reuses the first one's test name. */
export function sameNameResult(): ConversationResult {
  return pizzaResult({ id: 'pizza_order_test_custom/0', profileFile: 'profiles/other/pizza.yml', seed: '42:9' });
}

export function fixtureRun(): ConversationResult[] {
  return [pizzaResult(), failedResult(), answeredResult(), sameNameResult()];
}
