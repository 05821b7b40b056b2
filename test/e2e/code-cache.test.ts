import { spawn } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SETTLED_MS } from '../../src/bin/bundle-identity.ts';
import { BIN, REPO_ROOT, runCli } from '../helpers/run-cli.ts';

// bin/simsim.js runs the CLI bundle from V8's code cache in the user's cache folder; whatever
// state that cache is in, the CLI behaves the same.

// A bundle changed less than SETTLED_MS ago is named by its checksum, later by its file status
// (src/bin/bundle-identity.ts): right after a build the key would change between two runs.
beforeAll(async () => {
  const stat = statSync(join(REPO_ROOT, 'dist', 'bin', 'simsim.cjs'));
  const age = Date.now() - Math.max(stat.mtimeMs, stat.ctimeMs);
  if (age < SETTLED_MS) await sleep(SETTLED_MS - age + 100);
});

let root: string;
let env: Record<string, string | undefined>;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'simsim-code-cache-'));
  mkdirSync(join(root, 'tmp'));
  env = { XDG_CACHE_HOME: join(root, 'xdg'), TMPDIR: join(root, 'tmp'), NODE_DISABLE_COMPILE_CACHE: undefined };
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const cacheDir = (): string => join(root, 'xdg', 'simsim', 'code-cache');
const entries = (): string[] => readdirSync(cacheDir()).filter((name) => name.endsWith('.v8cache'));

describe('code cache of the CLI', () => {
  it('is written by the first run and used, not rewritten, by the next', async () => {
    const first = await runCli(['--version'], { env });
    expect(first.code).toBe(0);
    expect(entries()).toEqual([expect.stringMatching(/^version-/)]);
    const file = join(cacheDir(), entries()[0] ?? '');
    const written = statSync(file);
    const second = await runCli(['--version'], { env });
    expect(second).toEqual(first);
    expect(statSync(file).mtimeMs).toBe(written.mtimeMs);
    expect(statSync(file).ino).toBe(written.ino);
  });

  it('keeps one entry per command', async () => {
    await runCli(['--version'], { env });
    await runCli(['--help'], { env });
    expect(entries().sort()).toEqual([expect.stringMatching(/^help-/), expect.stringMatching(/^version-/)]);
  });

  it('imports outside modules (a list function file) from cached code as from fresh code', async () => {
    mkdirSync(join(root, 'project', 'profiles'), { recursive: true });
    writeFileSync(join(root, 'project', 'sizes.mjs'), "export function sizes() {\n  return ['small', 'large'];\n}\n");
    writeFileSync(
      join(root, 'project', 'profiles', 'p.yml'),
      'test_name: t\nllm: {model: gpt-4o-mini}\nuser:\n  role: a customer\n  context: [x]\n  goals:\n    - "a {{size}} pizza"\n    - size: {function: forward(), type: string, data: {file: sizes.mjs, function_name: sizes}}\nchatbot: {is_starter: false, fallback: sorry, output: [{price: {type: money, description: the price}}]}\nconversation: {number: combinations, goal_style: {steps: 2}, interaction_style: [default]}\n',
    );
    const plan = () => runCli(['plan', '--project', join(root, 'project'), '--seed', '1', '--json'], { env });
    const cold = await plan();
    expect(cold.code, cold.stderr).toBe(0);
    expect(cold.stdout).toContain('large');
    expect(entries()).toEqual([expect.stringMatching(/^plan-/)]);
    expect(await plan()).toEqual(cold);
  });

  it('runs the same from a damaged cache, and replaces it', async () => {
    const first = await runCli(['--help'], { env });
    const file = join(cacheDir(), entries()[0] ?? '');
    writeFileSync(file, 'damaged');
    const second = await runCli(['--help'], { env });
    expect(second).toEqual(first);
    expect(statSync(file).size).toBeGreaterThan('damaged'.length);
  });

  it('runs the same when no cache folder can be written', async () => {
    writeFileSync(join(root, 'file'), '');
    const blocked = { XDG_CACHE_HOME: join(root, 'file', 'xdg'), TMPDIR: join(root, 'file', 'tmp') };
    const result = await runCli(['--version'], { env: blocked });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('is neither read nor written under NODE_DISABLE_COMPILE_CACHE', async () => {
    const result = await runCli(['--version'], { env: { ...env, NODE_DISABLE_COMPILE_CACHE: '1' } });
    expect(result.code).toBe(0);
    expect(() => readdirSync(cacheDir())).toThrow();
  });
});

// A package of its own whose bundle only prints a word: what a run prints shows which code ran.
describe('code cache of a bundle that changes', () => {
  const runner = join(REPO_ROOT, 'dist', 'bin', 'run-bundle.cjs');
  const { wrapBundle } = createRequire(import.meta.url)(runner) as { wrapBundle: (code: string) => string };
  const bundle = (): string => join(root, 'package', 'dist', 'bin', 'simsim.cjs');
  const writeBundle = (word: string, mtime: Date) => {
    writeFileSync(bundle(), wrapBundle(`process.stdout.write(${JSON.stringify(word)});`));
    utimesSync(bundle(), mtime, mtime);
  };
  const run = async (): Promise<string> => {
    const child = spawn(process.execPath, [join(root, 'package', 'bin', 'simsim.js'), 'x'], {
      env: { ...process.env, ...env },
    });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    await new Promise((resolve) => child.on('close', resolve));
    return stdout;
  };

  it('never runs the code cached for other bytes of the same size and modification time', async () => {
    mkdirSync(join(root, 'package', 'bin'), { recursive: true });
    mkdirSync(join(root, 'package', 'dist', 'bin'), { recursive: true });
    writeFileSync(join(root, 'package', 'package.json'), '{"type": "module"}');
    copyFileSync(BIN, join(root, 'package', 'bin', 'simsim.js'));
    copyFileSync(runner, join(root, 'package', 'dist', 'bin', 'run-bundle.cjs'));
    const old = new Date(Date.now() - 3_600_000);
    writeBundle('one', old);
    // Settled: named by its place and times from now on.
    await sleep(2100);
    expect(await run()).toBe('one');
    expect(await run()).toBe('one');
    expect(entries()).toHaveLength(1);
    // Other bytes, same size, the old modification time put back: the change time tells them apart.
    writeBundle('two', old);
    expect(await run()).toBe('two');
    await sleep(2100);
    expect(await run()).toBe('two');
    expect(await run()).toBe('two');
    expect(entries()).toHaveLength(3);
  });
});

it('says how to build when dist/ is missing', async () => {
  mkdirSync(join(root, 'package', 'bin'), { recursive: true });
  writeFileSync(join(root, 'package', 'package.json'), '{"type": "module"}');
  copyFileSync(BIN, join(root, 'package', 'bin', 'simsim.js'));
  const child = spawn(process.execPath, [join(root, 'package', 'bin', 'simsim.js'), '--version']);
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const code = await new Promise((resolve) => child.on('close', resolve));
  expect(code).toBe(70);
  expect(stderr).toContain('simsim is not built yet: run "npm run build"');
});
