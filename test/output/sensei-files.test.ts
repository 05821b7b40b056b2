import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { claimTestFolders } from '../../src/output/test-folders.ts';
import { writeConversation } from '../../src/output/write-conversation.ts';
import { writeRunReports } from '../../src/app/run/write-run-reports.ts';
import { answeredResult, failedResult, fixtureRun, pizzaResult } from '../helpers/conversation-fixtures.ts';
import { fixtureRunInfo } from '../helpers/run-info.ts';

const GOLDEN = '../fixtures/outputs';
const SERIAL = '2025-01-27-13-39-17';
let runDir: string;

beforeEach(async () => {
  runDir = await mkdtemp(join(tmpdir(), 'simsim-out-'));
});
afterEach(async () => {
  await rm(runDir, { recursive: true, force: true });
});

const read = (...parts: string[]) => readFile(join(runDir, ...parts), 'utf8');

describe('Sensei-compatible files', () => {
  it('writes the three-document conversation YAML', async () => {
    await writeConversation(runDir, pizzaResult());
    await writeConversation(runDir, failedResult());
    const dir = ['conversation_outputs', 'pizza_order_test_custom', SERIAL];
    await expect(await read(...dir, `0_pizza_order_test_custom_${SERIAL}.yml`)).toMatchFileSnapshot(
      `${GOLDEN}/0_pizza_order_test_custom.yml`,
    );
    await expect(await read(...dir, `1_pizza_order_test_custom_${SERIAL}.yml`)).toMatchFileSnapshot(
      `${GOLDEN}/1_pizza_order_test_custom.yml`,
    );
  });

  it('writes the all_answered CSV beside the YAML only when exported', async () => {
    const written = await writeConversation(runDir, answeredResult());
    await expect(
      await read(
        'conversation_outputs',
        'pizza_order_test_predefined',
        SERIAL,
        `0_pizza_order_test_predefined_${SERIAL}.csv`,
      ),
    ).toMatchFileSnapshot(`${GOLDEN}/0_pizza_order_test_predefined.csv`);
    expect(written.files.filter((f) => f.endsWith('.csv'))).toHaveLength(1);
    const plain = await writeConversation(runDir, pizzaResult());
    expect(plain.files.some((f) => f.endsWith('.csv'))).toBe(false);
  });

  it('writes the stats report from the results: global document, then one per test', async () => {
    const results = fixtureRun();
    await claimTestFolders(runDir, SERIAL, results);
    for (const result of results) await writeConversation(runDir, result);
    await writeRunReports(runDir, results, fixtureRunInfo());
    await expect(await read('reports', '__stats_reports__', `report_${SERIAL}.yml`)).toMatchFileSnapshot(
      `${GOLDEN}/report.yml`,
    );
  });

  it('gives two profiles with the same test name their own folders, stable across calls', async () => {
    const folders = await claimTestFolders(runDir, SERIAL, [
      { testName: 'pizza', profileFile: 'profiles/b.yml' },
      { testName: 'pizza', profileFile: 'profiles/a.yml' },
      { testName: 'pizza_2', profileFile: 'profiles/c.yml' },
    ]);
    expect(Object.fromEntries(folders)).toEqual({
      'profiles/a.yml': 'pizza',
      'profiles/b.yml': 'pizza_2',
      'profiles/c.yml': 'pizza_2_2',
    });
    const again = await claimTestFolders(runDir, SERIAL, [{ testName: 'pizza', profileFile: 'profiles/b.yml' }]);
    expect(again.get('profiles/b.yml')).toBe('pizza_2');

    const first = await writeConversation(runDir, pizzaResult({ testName: 'pizza', profileFile: 'profiles/a.yml' }));
    const second = await writeConversation(runDir, pizzaResult({ testName: 'pizza', profileFile: 'profiles/b.yml' }));
    expect(first.files[0]).toContain(join('conversation_outputs', 'pizza', SERIAL, `0_pizza_${SERIAL}.yml`));
    expect(second.files[0]).toContain(join('conversation_outputs', 'pizza_2', SERIAL, `0_pizza_2_${SERIAL}.yml`));
  });
});
