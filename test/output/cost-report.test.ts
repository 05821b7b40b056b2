import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COST_REPORT_COLUMNS, writeCostReport, type CostCall } from '../../src/output/cost-report-csv.ts';
import { claimTestFolders } from '../../src/output/test-folders.ts';

const SERIAL = '2025-01-27-13-39-17';
const REAL = fileURLToPath(new URL('../../../shared/sensei/outputs/__cost_report__/cost_report_2025-01-27-13-39-17.csv', import.meta.url));
let runDir: string;
beforeEach(async () => {
  runDir = await mkdtemp(join(tmpdir(), 'simsim-cost-'));
});
afterEach(async () => {
  await rm(runDir, { recursive: true, force: true });
});

const call = (overrides: Partial<CostCall>): CostCall => ({
  testName: 'pizza_order_test_custom',
  profileFile: 'profiles/pizza.yml',
  index: 0,
  module: 'user_simulator',
  model: 'gpt-4o-mini',
  at: new Date(2025, 0, 27, 13, 39, 23, 168).toISOString(),
  inputCost: 0,
  outputCost: 5.64e-5,
  inputMessage: '',
  outputMessage: "Heyy there! I'm Jon, a pizza please,\nwith \"cheese\"",
  ...overrides,
});

describe('cost report CSV', () => {
  it('writes one row per LLM call with Sensei columns, named by the conversation file', async () => {
    await claimTestFolders(runDir, SERIAL, [
      { testName: 'pizza_order_test_custom', profileFile: 'profiles/other.yml' },
      { testName: 'pizza_order_test_custom', profileFile: 'profiles/pizza.yml' },
    ]);
    const path = await writeCostReport(runDir, SERIAL, [
      call({}),
      call({ module: 'data_extraction', index: 1, inputCost: 2.37e-5, outputCost: 4.56e-5, inputMessage: '=HYPERLINK("x") sk-secret-value', outputMessage: '{"price": null}' }),
      call({ model: 'local-llama', inputCost: null, outputCost: null, profileFile: 'profiles/other.yml' }),
    ], { secrets: ['sk-secret-value'] });
    expect(path).toBe(join(runDir, 'reports', '__cost_reports__', `cost_report_${SERIAL}.csv`));
    await expect(await readFile(path, 'utf8')).toMatchFileSnapshot('../fixtures/outputs/cost_report.csv');
  });

  it('keeps the columns of the real cost report, in order, plus Model', () => {
    const realHeader = (readFileSync(REAL, 'utf8').split('\n')[0] ?? '').split(',');
    expect(realHeader.length).toBeGreaterThan(5);
    expect(COST_REPORT_COLUMNS.filter((c) => realHeader.includes(c))).toEqual(realHeader);
    expect(COST_REPORT_COLUMNS).toContain('Model');
  });
});
