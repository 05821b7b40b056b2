import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listFinishedConversations } from '../../src/output/finished-conversations.ts';
import { readSenseiYaml } from '../helpers/yaml-shape.ts';

const CHILD = fileURLToPath(new URL('../helpers/write-conversations-child.mjs', import.meta.url));
const COUNT = 400;
let runDir: string;

beforeEach(async () => {
  runDir = await mkdtemp(join(tmpdir(), 'simsim-kill-'));
});
afterEach(async () => {
  await rm(runDir, { recursive: true, force: true });
});

/** Runs the writer in a child process and kills it with SIGKILL once `after` conversations are done. */
function runAndKill(after: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, runDir, String(COUNT)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let done = 0;
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      done += chunk.split('\n').filter((l) => l.startsWith('done ')).length;
      if (done >= after) child.kill('SIGKILL');
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) =>
      signal === 'SIGKILL' ? resolve(done) : reject(new Error(`child ended with ${code}: ${stderr}`)),
    );
  });
}

describe('kill -9 in the middle of a run', () => {
  it('keeps every finished conversation whole and lists exactly those for resume', async () => {
    const reported = await runAndKill(3);
    const finished = await listFinishedConversations(runDir);
    expect(finished.length).toBeGreaterThanOrEqual(reported);
    expect(finished.length).toBeLessThan(COUNT);
    expect(finished.map((r) => r.result.index)).toEqual(finished.map((_, i) => i));

    const folder = join(runDir, 'conversation_outputs', 'durable', '2025-01-27-13-39-17');
    const yamlFiles = (await readdir(folder)).filter((f) => f.endsWith('.yml'));
    // A conversation's YAML may be on disk without its record (killed in between); never torn.
    expect(yamlFiles.length - finished.length).toBeLessThanOrEqual(1);
    for (const file of yamlFiles) {
      const docs = readSenseiYaml(await readFile(join(folder, file), 'utf8'));
      expect(docs).toHaveLength(3);
      expect((docs[2] as { interaction: unknown[] }).interaction).toHaveLength(300);
    }
  });
});
