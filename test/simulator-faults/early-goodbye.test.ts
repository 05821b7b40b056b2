import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { findSimulatorFaults } from '../../src/simulator-faults/index.ts';
import { startFakeLlmServer, type RecordedRequest, type Step } from '../helpers/fake-llm-server.ts';
import { offlinePizzaRun } from '../helpers/offline-pizza-run.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A simulated user that says goodbye in its first message; extraction calls get nulls. */
function leavesAtOnce(request: RecordedRequest): Step {
  const format = request.body['response_format'] as
    { json_schema?: { schema?: { properties?: Record<string, unknown> } } } | undefined;
  if (format !== undefined)
    return {
      json: Object.fromEntries(Object.keys(format.json_schema?.schema?.properties ?? {}).map((name) => [name, null])),
    };
  return { text: 'Thanks, bye! <END>' };
}

describe('a simulated user that stops at once is the simulator failing, not the chatbot', () => {
  it('goodbye at turn 1 under steps: 6 against the bundled pizza bot: stopped_early and goal_not_asked', async () => {
    const llm = await startFakeLlmServer({ reply: leavesAtOnce });
    try {
      const run = await offlinePizzaRun({
        profiles: ['pizza_order.yml'],
        model: null,
        env: {
          OPENAI_API_KEY: 'sk-test',
          OPENAI_BASE_URL: llm.openaiBaseUrl,
          ANTHROPIC_API_KEY: '',
          ANTHROPIC_BASE_URL: '',
        },
      });
      dirs.push(run.project);
      expect(run.records.length, run.cli.stderr).toBe(9);
      for (const { result } of run.records) {
        expect(result.stopReason).toBe('user_done');
        expect(result.turns.filter((t) => t.role === 'user').map((t) => t.text)).toEqual(['Thanks, bye!']);
        const faults = findSimulatorFaults(result);
        expect(faults.map((f) => f.kind)).toEqual(['goal_not_asked', 'stopped_early']);
        expect(faults[0]?.reason).toMatch(
          /^the user never mentioned the goal values size = "(small|medium|large)", pizza = "\w+", cans = [123], drink = "\w+"$/,
        );
        expect(faults[1]?.reason).toBe(
          'the user said goodbye after 1 of 6 messages (steps: 6) in its first message, before reading any answer',
        );
      }
    } finally {
      await llm.close();
    }
  });

  it('the offline user on the same profile has no fault', async () => {
    const run = await offlinePizzaRun({ profiles: ['pizza_order.yml'] });
    dirs.push(run.project);
    expect(run.records.length, run.cli.stderr).toBe(9);
    for (const { result } of run.records) expect(findSimulatorFaults(result)).toEqual([]);
  });
});
