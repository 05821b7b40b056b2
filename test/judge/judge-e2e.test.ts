import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ConversationResult } from '../../src/conversation/types.ts';
import { CostLedger } from '../../src/cost/ledger.ts';
import { CostReportWriter } from '../../src/cost/cost-report.ts';
import {
  goalsOf,
  judgeConversation,
  judgeCriterion,
  judgeModelSpec,
  JudgeCache,
  NEEDS_AN_LLM,
  type Criterion,
  type JudgeDeps,
} from '../../src/judge/index.ts';
import { LlmRuntime } from '../../src/llm/llm-runtime.ts';
import { csvRecords } from '../helpers/csv-rows.ts';
import { fakeJudge, type JudgeCall, type Judgement } from '../helpers/fake-judge.ts';
import { startFakeLlmServer, type FakeLlmServer } from '../helpers/fake-llm-server.ts';
import { clearProviderEnv } from '../helpers/llm-test-kit.ts';
import { offlinePizzaRun, type OfflinePizzaRun } from '../helpers/offline-pizza-run.ts';
import { tempProject } from '../helpers/temp-project.ts';

let server: FakeLlmServer;
let run: OfflinePizzaRun;
let script: (call: JudgeCall) => Judgement = () => ({ verdict: 'inconclusive' });
const dirs: string[] = [];

beforeAll(async () => {
  clearProviderEnv();
  server = await startFakeLlmServer({ reply: fakeJudge((call) => script(call)) });
  run = await offlinePizzaRun({ profiles: ['pizza_order.yml'] });
  dirs.push(run.project);
}, 90_000);
afterAll(async () => {
  await server.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** An order conversation of the bundled bot: the order is confirmed, then placed. */
function orderConversation(): ConversationResult {
  const record = run.records.find(
    (r) =>
      r.result.turns.some((t) => t.text.includes('Shall I place the order?')) &&
      r.result.turns.some((t) => t.text.includes('Your order is placed!')),
  );
  if (!record) throw new Error(`no order conversation in the run: ${run.cli.stderr}`);
  return record.result;
}

interface Setup {
  readonly deps: JudgeDeps;
  readonly ledger: CostLedger;
  readonly costCsv: string;
}

function setup(options: { cache?: JudgeCache; model?: string; retries?: number } = {}): Setup {
  const costCsv = join(tempProject({}), 'cost.csv');
  dirs.push(join(costCsv, '..'));
  const ledger = new CostLedger({ report: new CostReportWriter(costCsv) });
  const runtime = new LlmRuntime({
    env: {
      OPENAI_API_KEY: 'k',
      OPENAI_BASE_URL: server.openaiBaseUrl,
      ANTHROPIC_API_KEY: 'k',
      ANTHROPIC_BASE_URL: server.anthropicBaseUrl,
    },
    ledger,
    retry: { retries: options.retries ?? 0, initialDelayMs: 1, maxDelayMs: 1, jitter: 0, maxRetryAfterMs: 1 },
  });
  const client = runtime.client(
    judgeModelSpec({ provider: 'openai', model: 'gpt-4o-mini', temperature: 0.8 }, { model: options.model }),
  );
  return {
    ledger,
    costCsv,
    deps: {
      client,
      cache: options.cache,
      labels: { conversation: '0_pizza_order_serial.yml', testName: 'pizza_order' },
    },
  };
}

const judge = (text: string, samples = 1): Criterion => ({ kind: 'judge', text, samples });
const conversationOf = (result: ConversationResult) => ({ turns: result.turns, goals: goalsOf(result.metadata) });

beforeEach(() => {
  script = () => ({ verdict: 'inconclusive' });
});

describe('the LLM judge against conversations with the bundled pizza bot', () => {
  it('passed, with its quote found in the chatbot turn it names; the call is a judge row of the cost CSV', async () => {
    const conversation = orderConversation();
    script = (call) => ({
      verdict: 'passed',
      reasoning: 'It listed the order and asked before placing it.',
      evidence: [call.quote('Shall I place the order?')],
    });
    const { deps, ledger, costCsv } = setup();
    const before = server.requests.length;
    const result = await judgeCriterion(
      judge('the chatbot confirms the whole order before placing it'),
      conversationOf(conversation),
      deps,
    );
    const confirmTurn = conversation.turns.findIndex((t) => t.text.includes('Shall I place the order?')) + 1;
    expect(result).toMatchObject({
      verdict: 'passed',
      reason: 'It listed the order and asked before placing it.',
      evidence: [{ turn: confirmTurn, quote: 'Shall I place the order?' }],
      calls: 1,
      cacheHits: 0,
    });
    expect(result.costUsd).toBeGreaterThan(0);
    // What the judge was sent: the criterion, the numbered transcript, our schema, temperature 0.
    const request = server.requests[before];
    const body = request?.body as {
      temperature: number;
      response_format: { json_schema: { name: string } };
      messages: { role: string; content: string }[];
    };
    expect(body.temperature).toBe(0);
    expect(body.response_format.json_schema.name).toBe('judge_verdict');
    expect(body.messages[0]?.content).toContain('reasoning: go through the conversation');
    expect(body.messages[1]?.content).toContain(
      '<criterion>\nthe chatbot confirms the whole order before placing it\n</criterion>',
    );
    expect(body.messages[1]?.content).toContain(`[turn ${confirmTurn}] Chatbot: `);
    await ledger.flush();
    const rows = csvRecords(readFileSync(costCsv, 'utf8'));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      Conversation: '0_pizza_order_serial.yml',
      'Test Name': 'pizza_order',
      Module: 'judge',
      Model: 'gpt-4o-mini',
    });
    expect(Number(rows[0]?.['Total Cost'])).toBeCloseTo(result.costUsd ?? -1, 12);
    expect(ledger.totals({ conversation: '0_pizza_order_serial.yml' }).calls).toBe(1);
  });

  it('failed, with evidence', async () => {
    script = (call) => ({
      verdict: 'failed',
      reasoning: 'Payment is on delivery; no card was asked for.',
      evidence: [call.quote('to pay on delivery')],
    });
    const result = await judgeCriterion(
      judge('the chatbot asks for card details'),
      conversationOf(orderConversation()),
      setup().deps,
    );
    expect(result).toMatchObject({
      verdict: 'failed',
      reason: 'Payment is on delivery; no card was asked for.',
      evidence: [{ quote: 'to pay on delivery' }],
    });
  });

  it('inconclusive when the judge says so', async () => {
    script = () => ({ verdict: 'inconclusive', reasoning: 'Nobody asked about allergies.' });
    const result = await judgeCriterion(
      judge('the chatbot warns about allergens when asked'),
      conversationOf(orderConversation()),
      setup().deps,
    );
    expect(result).toMatchObject({ verdict: 'inconclusive', reason: 'Nobody asked about allergies.', evidence: [] });
  });

  it('a verdict whose quote is not in the transcript is inconclusive, saying which quote', async () => {
    const conversation = orderConversation();
    script = (call) => ({
      verdict: 'passed',
      evidence: [{ turn: call.quote('Shall I place the order?').turn, quote: 'We accept Visa and Mastercard' }],
    });
    const result = await judgeCriterion(
      judge('the chatbot lists the cards it accepts'),
      conversationOf(conversation),
      setup().deps,
    );
    expect(result.verdict).toBe('inconclusive');
    expect(result.reason).toMatch(
      /^evidence not found: turn \d+ does not contain "We accept Visa and Mastercard"; the judge said passed$/,
    );
    expect(result.samples[0]).toMatchObject({ judgeVerdict: 'passed', verdict: 'inconclusive', evidence: [] });

    // A user's words are not the chatbot's evidence.
    script = () => ({
      verdict: 'failed',
      evidence: [{ turn: 1, quote: conversation.turns[0]?.text.slice(0, 20) ?? '' }],
    });
    const quotingUser = await judgeCriterion(
      judge('the chatbot greets the user'),
      conversationOf(conversation),
      setup().deps,
    );
    expect(quotingUser).toMatchObject({
      verdict: 'inconclusive',
      reason: "evidence not found: turn 1 is the user's, not the chatbot's; the judge said failed",
    });
  });

  it('samples: 3 is a majority vote of three distinct calls; a tie is inconclusive', async () => {
    const conversation = conversationOf(orderConversation());
    const votes: Record<number, string> = { 1: 'passed', 2: 'failed', 3: 'passed' };
    script = (call) => ({
      verdict: votes[call.sample] ?? 'inconclusive',
      reasoning: `sample ${call.sample}`,
      evidence: votes[call.sample] === 'passed' ? [call.quote('Your order is placed!')] : [],
    });
    const before = server.requests.length;
    const majority = await judgeCriterion(judge('the chatbot places the order', 3), conversation, setup().deps);
    expect(server.requests.length - before).toBe(3);
    expect(majority).toMatchObject({
      verdict: 'passed',
      reason: 'sample 1 (2 passed, 1 failed of 3 samples)',
      calls: 3,
    });
    expect(majority.evidence).toHaveLength(1);
    expect(majority.samples.map((s) => s.verdict)).toEqual(['passed', 'failed', 'passed']);
    const prompts = server.requests
      .slice(before)
      .map((r) => (r.body['messages'] as { content: string }[])[1]?.content ?? '');
    expect(prompts.map((p) => /independent judgement number (\d)/.exec(p)?.[1] ?? '1')).toEqual(['1', '2', '3']);

    votes[3] = 'inconclusive';
    const tie = await judgeCriterion(judge('the chatbot places the order', 3), conversation, setup().deps);
    expect(tie).toMatchObject({
      verdict: 'inconclusive',
      reason: 'no majority: 1 passed, 1 failed, 1 inconclusive of 3 samples',
    });

    const even = await judgeCriterion(judge('the chatbot places the order', 2), conversation, setup().deps);
    expect(even).toMatchObject({ verdict: 'inconclusive', reason: 'no majority: 1 passed, 1 failed of 2 samples' });

    // A sample whose evidence is missing votes inconclusive.
    script = (call) => ({
      verdict: 'failed',
      evidence: call.sample === 1 ? [] : [{ turn: 2, quote: 'not said at all' }],
    });
    const broken = await judgeCriterion(judge('the chatbot places the order', 3), conversation, setup().deps);
    expect(broken).toMatchObject({ verdict: 'inconclusive' });
    expect(broken.samples.map((s) => s.verdict)).toEqual(['failed', 'inconclusive', 'inconclusive']);
  });

  it('goal_achieved reads the goals with their values', async () => {
    const result = orderConversation();
    let seen = '';
    script = (call) => {
      seen = call.criterion;
      return { verdict: 'passed', evidence: [call.quote('Your order is placed!')] };
    };
    const judged = await judgeCriterion({ kind: 'goal_achieved', samples: 1 }, conversationOf(result), setup().deps);
    expect(judged.verdict).toBe('passed');
    for (const goal of goalsOf(result.metadata)) expect(seen).toContain(`- ${goal}`);
    expect(seen).toMatch(/- a (small|medium|large) (margherita|pepperoni|vegetarian) pizza/);
  });

  it('re-judging an unchanged conversation is served from the judge cache: no call, no cost row', async () => {
    const project = tempProject({});
    dirs.push(project);
    script = (call) => ({ verdict: 'passed', evidence: [call.quote('Shall I place the order?')] });
    const conversation = conversationOf(orderConversation());
    const criteria = [judge('the chatbot confirms the order', 2), { kind: 'says', pattern: 'ORD-\\d+' } as const];

    const first = setup({ cache: JudgeCache.forProject(project) });
    const before = server.requests.length;
    const fresh = await judgeConversation(criteria, conversation, first.deps);
    expect(server.requests.length - before).toBe(2);
    expect(fresh[0]).toMatchObject({ verdict: 'passed', calls: 2, cacheHits: 0 });

    const second = setup({ cache: JudgeCache.forProject(project) });
    const again = await judgeConversation(criteria, conversation, second.deps);
    expect(server.requests.length - before).toBe(2);
    expect(again[0]).toMatchObject({
      verdict: 'passed',
      calls: 0,
      cacheHits: 2,
      costUsd: 0,
      evidence: fresh[0]?.evidence,
    });
    expect(again[1]).toMatchObject({
      verdict: 'passed',
      evidence: [{ quote: expect.stringMatching(/^ORD-\d+$/) as unknown }],
    });
    await second.ledger.flush();
    expect(second.ledger.calls).toBe(0);

    // A third sample, another criterion, another model, or another conversation are new judgements.
    await judgeConversation(
      [judge('the chatbot confirms the order', 3)],
      conversation,
      setup({ cache: JudgeCache.forProject(project) }).deps,
    );
    expect(server.requests.length - before).toBe(3);
    await judgeConversation(
      [judge('the chatbot confirms the order politely')],
      conversation,
      setup({ cache: JudgeCache.forProject(project) }).deps,
    );
    expect(server.requests.length - before).toBe(4);
    await judgeConversation(
      [judge('the chatbot confirms the order')],
      conversation,
      setup({ cache: JudgeCache.forProject(project), model: 'openai:gpt-4o' }).deps,
    );
    expect(server.requests.length - before).toBe(5);
    const changed = {
      ...conversation,
      turns: conversation.turns.map((t, i) => (i === 1 ? { ...t, text: `${t.text} Shall I place the order?` } : t)),
    };
    await judgeConversation(
      [judge('the chatbot confirms the order')],
      changed,
      setup({ cache: JudgeCache.forProject(project) }).deps,
    );
    expect(server.requests.length - before).toBe(6);

    // --ignore-cache neither reads nor writes; --update-cache writes without reading.
    const ignore = new JudgeCache(JudgeCache.forProject(project).store, {
      all: false,
      ignore: true,
      update: false,
      clean: false,
    });
    await judgeConversation([judge('the chatbot confirms the order')], conversation, setup({ cache: ignore }).deps);
    expect(server.requests.length - before).toBe(7);
    const clean = new JudgeCache(JudgeCache.forProject(project).store, {
      all: false,
      ignore: false,
      update: false,
      clean: true,
    });
    await clean.finish();
    await judgeConversation(
      [judge('the chatbot confirms the order')],
      conversation,
      setup({ cache: JudgeCache.forProject(project) }).deps,
    );
    expect(server.requests.length - before).toBe(8);
  });

  it('a judge call that fails, or answers outside the schema twice, is an inconclusive sample, not a crash', async () => {
    const conversation = conversationOf(orderConversation());
    script = () => ({ step: { status: 500 } });
    const down = await judgeCriterion(judge('the chatbot is polite'), conversation, setup().deps);
    expect(down).toMatchObject({ verdict: 'inconclusive', calls: 1 });
    expect(down.reason).toMatch(/^the judge call failed: openai call failed \(HTTP 500\)/);

    script = () => ({ step: { json: { verdict: 'probably', reasoning: 'hm', evidence: [] } } });
    const before = server.requests.length;
    const garbled = await judgeCriterion(judge('the chatbot is polite'), conversation, setup().deps);
    expect(server.requests.length - before).toBe(2);
    expect(garbled.reason).toMatch(
      /^the judge call failed: openai:gpt-4o-mini did not answer with JSON matching the schema/,
    );
  });

  it('works through the Anthropic API (the schema as a forced tool)', async () => {
    script = (call) => ({ verdict: 'passed', evidence: [call.quote('Your order is placed!')] });
    const before = server.requests.length;
    const result = await judgeCriterion(
      judge('the chatbot places the order'),
      conversationOf(orderConversation()),
      setup({ model: 'anthropic:claude-haiku-4-5' }).deps,
    );
    expect(server.requests[before]?.api).toBe('anthropic');
    expect(result).toMatchObject({ verdict: 'passed', evidence: [{ quote: 'Your order is placed!' }] });
  });

  it('offline: LLM criteria are inconclusive (needs an LLM), says/never_says still decide', async () => {
    const conversation = conversationOf(orderConversation());
    const before = server.requests.length;
    const results = await judgeConversation(
      [
        judge('the chatbot is polite'),
        { kind: 'goal_achieved', samples: 3 },
        { kind: 'says', pattern: 'ORD-\\d{4}' },
        { kind: 'never_says', pattern: '(?i)credit card' },
        { kind: 'never_says', pattern: 'pay on delivery' },
      ],
      conversation,
      { client: undefined },
    );
    expect(server.requests.length).toBe(before);
    expect(results.map((r) => [r.label, r.verdict])).toEqual([
      ['judge: the chatbot is polite', 'inconclusive'],
      ['goal_achieved', 'inconclusive'],
      ['says: ORD-\\d{4}', 'passed'],
      ['never_says: (?i)credit card', 'passed'],
      ['never_says: pay on delivery', 'failed'],
    ]);
    expect(results[0]?.reason).toBe(NEEDS_AN_LLM);
    expect(results[0]?.reason).toMatch(/^needs an LLM/);
  });
});
