import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { closeHostileBots, hostileConnector, startHostileBot } from '../helpers/hostile-bot.ts';
import { runCli } from '../helpers/run-cli.ts';
import { tempProject } from '../helpers/temp-project.ts';

const REPORT_MAX_RSS = fileURLToPath(new URL('../helpers/report-max-rss.mjs', import.meta.url));
const MIB = 1024 * 1024;

const folders: string[] = [];
afterEach(closeHostileBots);
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function project(connector: Record<string, unknown> | string, conversations = 1): string {
  const profile = {
    test_name: 'shop',
    llm: { model: 'gpt-4o-mini' },
    user: { role: 'a customer', goals: ['a pizza'] },
    chatbot: { is_starter: false, fallback: 'sorry', output: [] },
    conversation: { number: conversations, goal_style: { steps: 2 }, interaction_style: ['default'] },
  };
  const dir = tempProject({
    'profiles/shop.yml': stringify(profile),
    'connectors/bot.yml': typeof connector === 'string' ? connector : stringify(connector),
    'run.yml': 'connector: connectors/bot.yml\n',
  });
  folders.push(dir);
  return dir;
}

interface RunManifest {
  conversations: Array<{ stop_reason: string; stop_detail?: string; error_codes: number[] }>;
}

describe('simsim run against a chatbot that streams forever', () => {
  it('-j 8: memory stays bounded and every conversation ends with error 500 "reply larger than N bytes"', async () => {
    const bot = await startHostileBot({ kind: 'endless' });
    // Without the size cap every body would grow until this timeout.
    const dir = project(hostileConnector(bot.url, { timeout: 5 }), 24);
    const rssFile = join(tmpdir(), `simsim-max-rss-${process.pid}-${Date.now()}`);
    folders.push(rssFile);
    const run = await runCli(
      ['run', '--project-path', dir, '--output', join(dir, 'output'), '--model', 'offline', '-j', '8', '--seed', '1'],
      {
        env: { SIMSIM_TEST_MAX_RSS_FILE: rssFile },
        nodeArgs: ['--import', REPORT_MAX_RSS],
      },
    );
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.code, run.stderr).toBe(1);
    const maxRssMib = Number(readFileSync(rssFile, 'utf8')) / 1024;
    expect(maxRssMib).toBeGreaterThan(0);
    expect(maxRssMib).toBeLessThan(300);
    const manifest = JSON.parse(readFileSync(join(dir, 'output', 'run.json'), 'utf8')) as RunManifest;
    expect(manifest.conversations).toHaveLength(24);
    for (const conversation of manifest.conversations) {
      expect(conversation).toMatchObject({ stop_reason: 'chatbot_error', error_codes: [500] });
      expect(conversation.stop_detail).toContain(`reply larger than ${MIB} bytes`);
    }
    expect(bot.requests).toHaveLength(24);
  });
});

describe('connector mistakes: validate reports them with their position, run refuses', () => {
  const broken = [
    'base_url: not a url',
    'send_message: {path: /chat, payload_template: {message: "{user_msg}"}}',
    'response_path: "message[*]"',
    'timeout: 1000000000000',
    'headers: {X-Token: "abc\\r\\nX-Injected: yes"}',
    '',
  ].join('\n');
  const expected = [
    ['connectors/bot.yml:1:11', 'connector-url'],
    ['connectors/bot.yml:3:24', 'connector-path'],
    ['connectors/bot.yml:4:10', 'schema-value'],
    ['connectors/bot.yml:5:20', 'connector-header'],
  ];
  const found = (text: string) =>
    [...text.matchAll(/(\S*connectors\/bot\.yml:\d+:\d+)\s+error\s+.*\[([\w-]+)\]/g)]
      .map((m) => [(m[1] ?? '').replace(/^.*(connectors\/bot\.yml)/, '$1'), m[2]])
      .sort();

  it('simsim validate lists every one with file:line:col, code and hint', async () => {
    const dir = project(broken);
    const result = await runCli(['validate', '--project-path', dir]);
    expect(result.code).toBe(1);
    const output = result.stdout + result.stderr;
    expect(found(output)).toEqual(expected);
    expect(output).toContain('hint: Write a full address with its scheme');
    expect(output).toContain('`[*]` (every item) is not supported');
  });

  it('simsim run refuses with exit 2 and the same diagnostics, before any conversation', async () => {
    const dir = project(broken);
    const result = await runCli(['run', '--project-path', dir, '--output', join(dir, 'output'), '--model', 'offline']);
    expect(result.code).toBe(2);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(found(result.stderr)).toEqual(expected);
  });
});
