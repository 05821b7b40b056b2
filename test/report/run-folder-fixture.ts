import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** One conversation of a hand-written run folder, with the fields later features add. */
export interface FixtureConversation {
  readonly profile: string;
  readonly index: number;
  readonly trial?: number;
  readonly passed?: boolean;
  readonly status?: 'completed' | 'failed' | 'interrupted';
  readonly verdict?: string;
  readonly stopReason?: string;
  readonly errors?: { code: number; message: string }[];
  readonly turns: readonly {
    role: 'user' | 'assistant';
    text: string;
    intended?: string;
    language?: string;
    responseSeconds?: number;
    fallback?: boolean;
  }[];
  readonly variables?: Record<string, unknown>;
  readonly outputs?: Record<string, unknown>;
  readonly outputStatus?: Record<string, string>;
  readonly expectations?: unknown[];
  readonly rules?: unknown[];
  readonly simulatorFaults?: string[];
  readonly costUsd?: number | null;
}

export interface FixtureRun {
  readonly serial?: string;
  readonly conversations: readonly FixtureConversation[];
  /** run.json `rules`. */
  readonly rules?: unknown[];
  /** The check CSV's text, written to reports/__check_reports__/check_<serial>.csv. */
  readonly checkCsv?: string;
  /** run.json `profiles[].pass_k` by profile. */
  readonly passK?: Record<string, { k: number; value: number }[]>;
}

export const FIXTURE_SERIAL = '2026-01-02-03-04-05';

function idOf(c: FixtureConversation): string {
  return `${c.profile}/${c.index}${c.trial === undefined ? '' : `#${c.trial}`}`;
}

/** Writes run.json and conversations.jsonl (and the check CSV) the way `simsim run` lays them out. */
export function writeRunFolder(dir: string, run: FixtureRun): void {
  const serial = run.serial ?? FIXTURE_SERIAL;
  const profiles = [...new Set(run.conversations.map((c) => c.profile))];
  const manifest = {
    format: 'simsim-run/1',
    simsim: '0.1.0',
    serial,
    seed: '7',
    options: { model: 'offline' },
    started_at: '2026-01-02T03:04:05.000Z',
    ended_at: '2026-01-02T03:05:05.000Z',
    seconds: 60,
    stop_reason: 'completed',
    profiles: profiles.map((p) => ({
      file: `profiles/${p}.yml`,
      test_name: p,
      hash: 'abc',
      folder: p,
      ...(run.passK?.[p] ? { pass_k: run.passK[p] } : {}),
    })),
    totals: {},
    ...(run.rules ? { rules: run.rules } : {}),
    conversations: run.conversations.map((c) => ({
      id: idOf(c),
      test_name: c.profile,
      folder: c.profile,
      profile: `profiles/${c.profile}.yml`,
      index: c.index,
      ...(c.trial === undefined ? {} : { trial: c.trial }),
      seed: 's',
      status: c.status ?? 'completed',
      passed: c.passed ?? true,
      ...(c.verdict === undefined ? {} : { verdict: c.verdict }),
      stop_reason: c.stopReason ?? 'steps_reached',
      stop_detail: '',
      error_codes: (c.errors ?? []).map((e) => e.code),
      errors: c.errors ?? [],
      simulator_issues: [],
      ...(c.simulatorFaults ? { simulator_faults: c.simulatorFaults } : {}),
      ...(c.rules ? { rules: c.rules } : {}),
      missing_outputs: [],
      invalid_outputs: [],
      turns: c.turns.length,
      timing: {
        startedAt: '2026-01-02T03:04:06.000Z',
        endedAt: '2026-01-02T03:04:07.000Z',
        conversationSeconds: 1,
        responseTimes: c.turns.flatMap((t) => (t.responseSeconds === undefined ? [] : [t.responseSeconds])),
      },
      cost: { usd: c.costUsd === undefined ? 0.01 : c.costUsd, byModule: {} },
      files: [],
    })),
    files: [],
  };
  const lines = run.conversations.map((c) => ({
    id: idOf(c),
    test_name: c.profile,
    profile: `profiles/${c.profile}.yml`,
    serial,
    index: c.index,
    file: `conversation_outputs/${c.profile}/${serial}/${c.index}_${c.profile}_${serial}.yml`,
    status: c.status ?? 'completed',
    stop_reason: c.stopReason ?? 'steps_reached',
    stop_detail: '',
    messages: c.turns.map((t) => ({ role: t.role, content: t.text })),
    turn_details: c.turns.map((t) => ({
      at: '2026-01-02T03:04:06.000Z',
      ...(t.responseSeconds === undefined ? {} : { response_seconds: t.responseSeconds }),
      ...(t.intended === undefined ? {} : { intended: t.intended }),
      ...(t.language === undefined ? {} : { language: t.language }),
      ...(t.fallback === undefined ? {} : { fallback: t.fallback }),
    })),
    outputs: c.outputs ?? {},
    output_status:
      c.outputStatus ??
      Object.fromEntries(Object.entries(c.outputs ?? {}).map(([k, v]) => [k, v === null ? 'missing' : 'ok'])),
    errors: c.errors ?? [],
    simulator_issues: [],
    metadata: {
      language: 'English',
      context: null,
      ask_about: ['a {{size}} pizza', ...Object.entries(c.variables ?? {}).map(([k, v]) => ({ [k]: v }))],
      interaction_styles: ['default'],
      number: 1,
      goal_style: { steps: 4 },
      seed: 's',
    },
    ...(c.expectations ? { expectations: c.expectations } : {}),
    answered: null,
    timing: {},
    cost: {},
  }));
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'run.json'), JSON.stringify(manifest, null, 2));
  writeFileSync(join(dir, 'conversations.jsonl'), lines.map((l) => `${JSON.stringify(l)}\n`).join(''));
  if (run.checkCsv !== undefined) {
    mkdirSync(join(dir, 'reports', '__check_reports__'), { recursive: true });
    writeFileSync(join(dir, 'reports', '__check_reports__', `check_${serial}.csv`), run.checkCsv);
  }
}

/** A run with every optional field: verdicts, expectations with evidence, rules, a simulator fault, typos and a language switch. */
export function richRun(): FixtureRun {
  const turns = (price: string) => [
    { role: 'user' as const, text: 'I wnat a large pizza', intended: 'I want a large pizza' },
    { role: 'assistant' as const, text: 'A large margherita. Shall I confirm?', responseSeconds: 0.4 },
    { role: 'user' as const, text: '¿Cuánto cuesta?', language: 'Spanish' },
    { role: 'assistant' as const, text: `The total is ${price}. Your order id is ORD-1.`, responseSeconds: 1.2 },
  ];
  return {
    conversations: [
      {
        profile: 'shop',
        index: 0,
        variables: { size: 'large', pizza: 'margherita' },
        turns: turns('$12.50'),
        outputs: { price: { value: 12.5, currency: '$' }, order_id: 'ORD-1' },
        verdict: 'passed',
        expectations: [
          { name: 'price == 12.5', kind: 'expression', verdict: 'passed' },
          {
            name: 'the chatbot confirms the order',
            kind: 'judge',
            verdict: 'passed',
            reason: 'it asked',
            evidence: [{ turn: 2, quote: 'Shall I confirm?' }],
          },
        ],
        rules: [
          { rule: 'price_is_right', status: 'pass' },
          { rule: 'confirms', status: 'pass' },
        ],
      },
      {
        profile: 'shop',
        index: 1,
        variables: { size: 'small', pizza: 'margherita' },
        turns: turns('$99.00'),
        outputs: { price: null, order_id: null },
        outputStatus: { price: 'unsupported', order_id: 'missing' },
        passed: false,
        verdict: 'failed',
        expectations: [
          {
            name: 'price == 12.5',
            kind: 'expression',
            verdict: 'failed',
            reason: 'price is 99',
            evidence: [{ turn: 4, quote: 'The total is $99.00' }],
          },
        ],
        rules: [
          { rule: 'price_is_right', status: 'fail', message: 'expected 12.5, got 99' },
          { rule: 'confirms', status: 'pass' },
        ],
      },
      {
        profile: 'shop',
        index: 2,
        variables: { size: 'large', pizza: 'pepperoni' },
        turns: turns('$14.00').slice(0, 2),
        verdict: 'simulator_fault',
        simulatorFaults: ['the user said goodbye before asking about the price'],
        rules: [
          { rule: 'price_is_right', status: 'not_applicable' },
          { rule: 'confirms', status: 'pass' },
        ],
      },
      {
        profile: 'support',
        index: 0,
        stopReason: 'chatbot_error',
        status: 'failed',
        passed: false,
        errors: [{ code: 500, message: 'the chatbot answered HTTP 500' }],
        turns: [
          { role: 'user', text: 'Hello' },
          { role: 'assistant', text: 'Error: HTTP 500' },
        ],
        costUsd: null,
      },
      {
        profile: 'support',
        index: 1,
        verdict: 'inconclusive',
        expectations: [
          { name: 'the chatbot is polite', kind: 'judge', verdict: 'inconclusive', reason: 'needs an LLM' },
        ],
        turns: [
          { role: 'user', text: 'Hi' },
          { role: 'assistant', text: 'Hello, how can I help?', responseSeconds: 0.2 },
        ],
      },
    ],
    rules: [
      {
        name: 'price_is_right',
        description: 'the total matches the menu',
        checks: 3,
        pass: 1,
        fail: 1,
        not_applicable: 1,
        fail_rate: '50.00%',
      },
      { name: 'confirms', checks: 3, pass: 3, fail: 0, not_applicable: 0, fail_rate: '0.00%' },
    ],
  };
}
