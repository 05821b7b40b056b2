import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { writeRunReportHtml } from '../../src/report/write-report-html.ts';
import { runCli } from '../helpers/run-cli.ts';
import { sizesProfile } from '../helpers/sizes-profile.ts';
import { startTaskytoBot, type TaskytoBot } from '../helpers/taskyto-bot.ts';
import { taskytoRunArgs } from '../helpers/taskyto-run.ts';
import { tempProject } from '../helpers/temp-project.ts';
import { runDemoCopy } from './demo-run.ts';
import { embeddedPayload } from './embedded-payload.ts';

// A run gathers report.html's data as its conversations end; the page must be the one
// `simsim report` writes from the finished folder (which reads run.json and the JSONL back).
const temps: string[] = [];
const bots: TaskytoBot[] = [];
afterAll(async () => {
  await Promise.all(bots.map((b) => b.close()));
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

async function expectSamePageAsReadBack(output: string): Promise<void> {
  const again = await writeRunReportHtml(output, { output: join(output, '..', 'read-back.html') });
  expect(readFileSync(join(output, 'report.html')).equals(readFileSync(again))).toBe(true);
  // No temporary file of the gathered data is left beside the page.
  expect(readdirSync(output).filter((name) => name.startsWith('.') && name !== '.simsim')).toEqual([]);
}

describe('report.html written from what the run gathered', () => {
  it('is the page simsim report writes from the folder', async () => {
    const demo = await runDemoCopy();
    temps.push(demo.dir);
    expect(demo.run.code, demo.run.stderr).toBe(0);
    await expectSamePageAsReadBack(demo.output);
  }, 120_000);

  it('is the same with rules checked at the end of the run (the page then reads the run back)', async () => {
    const demo = await runDemoCopy([], {
      'total.yaml': 'name: total_under_14\noracle: data_output_price_value < 14\n',
      'unique.yaml': "name: unique_order_ids\nconversations: all\noracle: is_unique('order_id')\n",
    });
    temps.push(demo.dir);
    expect(demo.run.code, demo.run.stderr).toBe(1);
    await expectSamePageAsReadBack(demo.output);
  }, 120_000);

  it('is the same after --resume, and covers the conversations of both attempts', async () => {
    const bot = await startTaskytoBot((message) => `Noted: ${message}`);
    bots.push(bot);
    const profile = sizesProfile({ testName: 'resumed', sizes: ['small', 'large'], steps: 2 });
    const dir = tempProject({ 'profiles/resumed.yml': stringify(profile) });
    temps.push(dir);
    const out = join(dir, 'output');
    const args = taskytoRunArgs(dir, bot.url, '--seed', '3', '-o', out);
    expect((await runCli(args)).code).toBe(0);
    rmSync(join(out, 'report.html'));
    const resumed = await runCli([...args.filter((a) => a !== '--seed' && a !== '3'), '--resume', out]);
    expect(resumed.code, resumed.stderr).toBe(0);
    const payload = embeddedPayload(readFileSync(join(out, 'report.html'), 'utf8'));
    expect(payload.kind === 'run' && payload.run.totals.conversations).toBe(2);
    await expectSamePageAsReadBack(out);
  }, 120_000);
});
