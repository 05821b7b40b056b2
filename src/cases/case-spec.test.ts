import { describe, expect, it } from 'vitest';
import { CASE_DEFAULT_ROLE, FOLLOW_UP_RULE, toCaseSpecs } from './case-spec.ts';
import { parseCaseText } from './read-cases.ts';
import { renderCaseMapping } from './render-mapping.ts';
import { saidStopPhrase } from '../base/text/stop-phrases.ts';

describe('toCaseSpec', () => {
  it('MLflow: goal → goals, persona → context, guidelines → rules, max_turns → steps, context → chatbot parameters', () => {
    const file = parseCaseText(
      '{"goal": "Order a pizza", "persona": "A hungry student", "simulation_guidelines": ["Be brief"], "context": {"user_id": "u1"}, "expectations": {"price": 12}, "max_turns": 4}\n',
      'tests/pizza.jsonl',
      'jsonl',
    );
    expect(toCaseSpecs(file)).toEqual([
      {
        style: 'mlflow',
        place: { file: 'tests/pizza.jsonl', row: 1, line: 1, column: 1 },
        name: 'pizza-1',
        role: CASE_DEFAULT_ROLE,
        context: ['A hungry student'],
        rules: ['Be brief'],
        goals: ['Order a pizza'],
        goalStyle: { steps: 4 },
        stop: { whenGoalAchieved: true, whenEmptyReply: true, phrases: [] },
        firstMessage: undefined,
        followUps: 'simulated',
        expectations: { price: 12 },
        chatbotParameters: { user_id: 'u1' },
        tag: undefined,
        agentDescription: undefined,
        templateParameters: undefined,
        citations: [],
      },
    ]);
  });

  it('Azure: task → role, name/profile/tone/chatbot name → context, turns halved, metadata → citations and template parameters', () => {
    const row = {
      name: 'Jane',
      profile: 'Jane likes hiking.',
      tone: 'happy',
      task: 'Jane wants a backpack.',
      metadata: { customer_info: 'Bronze member', orders: [5, 18] },
      chatbot_name: 'Shopbot',
      max_conversation_turns: 5,
    };
    const [spec] = toCaseSpecs(parseCaseText(JSON.stringify([row]), 'azure.json', 'json'));
    expect(spec).toMatchObject({
      style: 'azure',
      name: 'azure-1',
      role: 'Jane wants a backpack.',
      context: [
        'Your name is Jane.',
        'Jane likes hiking.',
        'Your tone is happy.',
        'The chatbot you are talking to is called Shopbot.',
      ],
      rules: [],
      goals: ['Jane wants a backpack.'],
      goalStyle: { steps: 3 },
      stop: { whenGoalAchieved: false, whenEmptyReply: false, phrases: ['bye', 'goodbye'] },
      chatbotParameters: {},
      citations: [
        { id: 'customer_info', content: 'Bronze member' },
        { id: 'orders', content: '[5,18]' },
      ],
    });
    expect(spec?.templateParameters).toEqual({
      name: 'Jane',
      profile: 'Jane likes hiking.',
      tone: 'happy',
      metadata: row.metadata,
      task: 'Jane wants a backpack.',
      chatbot_name: 'Shopbot',
    });
    expect(Object.keys(spec?.templateParameters ?? {})).toEqual([
      'name',
      'profile',
      'tone',
      'metadata',
      'task',
      'chatbot_name',
    ]);
  });

  it('Databricks: seed question → first message and goal, follow-ups from the last reply, the tag kept', () => {
    const [spec] = toCaseSpecs(
      parseCaseText(
        '{"seed_question": "How do I reset my password?", "agent_description": "An IT helpdesk agent", "max_turns": 2, "tag": "accounts"}\n',
        's.jsonl',
        'jsonl',
      ),
    );
    expect(spec).toMatchObject({
      role: CASE_DEFAULT_ROLE,
      context: ['The chatbot you are talking to: An IT helpdesk agent'],
      rules: [FOLLOW_UP_RULE],
      goals: ['How do I reset my password?'],
      goalStyle: { steps: 2 },
      firstMessage: 'How do I reset my password?',
      followUps: 'from-last-reply',
      tag: 'accounts',
    });
  });

  it('Vellum: the seed message is the first message, turns are steps, a name column names the case', () => {
    const specs = toCaseSpecs(
      parseCaseText('message,name\nI want a refund,refund\nHello,\n', 'seeds.csv', 'csv', { turns: 2 }),
    );
    expect(specs.map((s) => [s.name, s.firstMessage, s.goals, s.goalStyle.steps])).toEqual([
      ['refund', 'I want a refund', ['I want a refund'], 2],
      ['seeds-2', 'Hello', ['Hello'], 2],
    ]);
  });
});

describe('renderCaseMapping', () => {
  const specs = toCaseSpecs(
    parseCaseText(
      '{"goal": "Order a pizza", "persona": "A student", "context": {"user_id": "u1"}, "max_turns": 3}\n',
      'cases.jsonl',
      'jsonl',
    ),
  );

  it('shows each case as the profile keys it becomes', () => {
    expect(renderCaseMapping(specs, 'text')).toBe(
      [
        'cases.jsonl:1  mlflow case 1  →  cases-1',
        `  user.role:          ${CASE_DEFAULT_ROLE}`,
        '  user.context:       A student',
        '  user.goals:         Order a pizza',
        '  goal style:         at most 3 user messages (goal_style: {steps: 3}); ends when the goal is met (checked after each chatbot reply); or on an empty chatbot reply',
        '  chatbot parameters: {"user_id":"u1"}',
        '',
        '1 case, one conversation each',
        '',
      ].join('\n'),
    );
  });

  it('gives every key in JSON, absent ones as null', () => {
    const parsed = JSON.parse(renderCaseMapping(specs, 'json')) as { cases: Array<Record<string, unknown>> };
    expect(parsed.cases[0]).toMatchObject({
      name: 'cases-1',
      firstMessage: null,
      expectations: null,
      tag: null,
      templateParameters: null,
      goals: ['Order a pizza'],
    });
  });
});

describe('saidStopPhrase', () => {
  it('matches whole words in any case, and nothing inside another word', () => {
    const phrases = ['bye', 'goodbye', 'see you'];
    expect(saidStopPhrase('Thanks, BYE!', phrases)).toBe('bye');
    expect(saidStopPhrase('ok, goodbye then', phrases)).toBe('goodbye');
    expect(saidStopPhrase('See   you tomorrow', phrases)).toBe('see you');
    expect(saidStopPhrase('The byelaw says so', phrases)).toBeUndefined();
    expect(saidStopPhrase('a (cost+bye) sign', ['cost+bye'])).toBe('cost+bye');
  });
});
