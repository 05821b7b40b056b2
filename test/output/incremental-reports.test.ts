import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEMP_FILE_PATTERN } from '../../src/base/atomic-write.ts';
import { RunReports } from '../../src/app/run/run-reports.ts';
import { claimTestFolders } from '../../src/output/test-folders.ts';
import { writeConversation } from '../../src/output/write-conversation.ts';
import { writeRunReports } from '../../src/app/run/write-run-reports.ts';
import { InOrder } from '../../src/app/run/in-order.ts';
import { listFinishedRefs } from '../../src/output/finished-conversations.ts';
import { failedResult, pizzaResult } from '../helpers/conversation-fixtures.ts';
import { fixtureRunInfo } from '../helpers/run-info.ts';

const SERIAL = '2025-01-27-13-39-17';
let runDir: string;
beforeEach(async () => {
  runDir = await mkdtemp(join(tmpdir(), 'simsim-reports-'));
});
afterEach(async () => {
  await rm(runDir, { recursive: true, force: true });
});

const RUN_FILES = [
  'run.json',
  'junit.xml',
  'conversations.jsonl',
  join('reports', '__stats_reports__', `report_${SERIAL}.yml`),
];

async function runFiles(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const file of RUN_FILES) out[file] = await readFile(join(dir, file), 'utf8');
  return out;
}

/** Ten conversations of one profile, some failed, one interrupted, with response times and costs. */
function results() {
  return Array.from({ length: 10 }, (_, index) => {
    const base = index % 3 === 1 ? failedResult({ index }) : pizzaResult({ index });
    return {
      ...base,
      id: `pizza_order_test_custom/${index}`,
      index,
      status: index === 7 ? ('interrupted' as const) : base.status,
      stopReason: index === 7 ? ('interrupted' as const) : base.stopReason,
      timing: { ...base.timing, responseTimes: [0.1 * index, 0.3] },
    };
  });
}

describe('run reports written as conversations end', () => {
  it('list conversations in plan order whatever order they end in, the same as written at once', async () => {
    const all = results();
    const info = fixtureRunInfo();
    const together = await mkdtemp(join(tmpdir(), 'simsim-reports-'));
    try {
      await claimTestFolders(together, SERIAL, all);
      await writeRunReports(together, all, info);

      const [folder] = [...(await claimTestFolders(runDir, SERIAL, all)).values()];
      const reports = await RunReports.open(runDir);
      const order = new InOrder<(typeof all)[number]>((result) => reports.add({ result, folder: folder ?? '' }));
      for (const position of [3, 0, 9, 1, 2, 8, 4, 6, 5, 7]) order.put(position, all[position] as (typeof all)[number]);
      // Until the end, the files grow hidden beside their final names (run.json's entries' offsets
      // beside it too; report.html's part comes with the first conversation read, at its own pace).
      const hidden = (await readdir(runDir))
        .filter((name) => TEMP_FILE_PATTERN.test(name))
        .map((name) => name.replace(/^\.(.+)\.\d+\.[0-9a-z]+\.tmp$/, '$1'))
        .filter((name) => name !== 'report.html')
        .sort();
      expect(hidden).toEqual(['conversations.jsonl', 'junit.xml', 'run.json', 'run.json']);
      expect((await readdir(runDir)).filter((name) => !TEMP_FILE_PATTERN.test(name))).toEqual(['conversation_outputs']);
      await reports.close(info);
      expect(await runFiles(runDir)).toEqual(await runFiles(together));
      expect((await readdir(runDir)).filter((name) => TEMP_FILE_PATTERN.test(name))).toEqual([]);
    } finally {
      await rm(together, { recursive: true, force: true });
    }
  });

  it('write run.json exactly as JSON.stringify would, junit.xml well formed, and resume records read back', async () => {
    const all = results();
    const [folder] = [...(await claimTestFolders(runDir, SERIAL, all)).values()];
    for (const result of all.slice(0, 5)) await writeConversation(runDir, result, { folder });
    const reports = await RunReports.open(runDir);
    const refs = await listFinishedRefs(runDir, SERIAL);
    expect(refs.map((ref) => ref.index)).toEqual([0, 1, 2, 3, 4]);
    for (const ref of refs) reports.add({ recordPath: ref.recordPath, range: ref.range });
    for (const result of all.slice(5)) reports.add({ result, folder: folder ?? '' });
    const summary = await reports.close(fixtureRunInfo());
    const text = await readFile(join(runDir, 'run.json'), 'utf8');
    expect(`${JSON.stringify(JSON.parse(text), null, 2)}\n`).toBe(text);
    const manifest = JSON.parse(text) as {
      conversations: { index: number }[];
      totals: { tokens: { input_per_conversation: number } };
    };
    expect(manifest.conversations.map((c) => c.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(manifest.totals.tokens.input_per_conversation).toBeGreaterThan(0);
    expect(XMLValidator.validate(await readFile(join(runDir, 'junit.xml'), 'utf8'))).toBe(true);
    expect(summary.conversations).toBe(10);
    expect(summary.profiles[0]?.files).toHaveLength(10);
    expect(summary.profiles[0]?.files[0]).toBe(
      join(runDir, 'conversation_outputs', folder ?? '', SERIAL, `0_${folder ?? ''}_${SERIAL}.yml`),
    );
  });

  it('leave no temporary file behind when the run ends without reports', async () => {
    const reports = await RunReports.open(runDir);
    reports.add({ result: pizzaResult(), folder: 'pizza_order_test_custom' });
    await reports.discard();
    expect(await readdir(runDir)).toEqual([]);
  });
});
