// What the `simsim run` benchmarks share: the fake servers' process and the benchmark's project.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * The fake OpenAI server and chatbot of fake-servers.mjs in a process of their own, with the
 * given latencies: their URLs, `stats(reset)` (what the LLM saw) and `stop()`.
 */
export async function startFakeServers(llmDelay, botDelay) {
  const child = spawn(process.execPath, [join(here, 'fake-servers.mjs'), String(llmDelay), String(botDelay)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const urls = await new Promise((resolve) => child.stdout.once('data', (chunk) => resolve(JSON.parse(String(chunk)))));
  const statsUrl = `${new URL(urls.llm).origin}/stats`;
  return {
    ...urls,
    stats: async (reset = false) => (await fetch(statsUrl, { method: reset ? 'POST' : 'GET' })).json(),
    stop: () => child.kill(),
  };
}

/** A new project folder with one profile: `conversations` pizza orders of `steps` turns each. */
export function benchProject(conversations, steps) {
  const dir = mkdtempSync(join(tmpdir(), 'simsim-bench-'));
  mkdirSync(join(dir, 'profiles'));
  writeFileSync(
    join(dir, 'profiles', 'bench.yml'),
    [
      'test_name: bench',
      'llm: {model: gpt-4o-mini}',
      'user:',
      '  role: a customer ordering a pizza',
      '  goals: ["a medium pizza"]',
      'chatbot: {is_starter: false, fallback: "Sorry, I did not understand.", output: []}',
      `conversation: {number: ${conversations}, goal_style: {steps: ${steps}}, interaction_style: [default]}`,
      '',
    ].join('\n'),
  );
  return dir;
}

/** The environment a benchmark's `simsim run` child gets: the fake LLM as OpenAI, plain output, and `extra`. */
export function benchEnv(urls, extra = {}) {
  return { ...process.env, OPENAI_API_KEY: 'bench', OPENAI_BASE_URL: urls.llm, CI: 'true', ...extra };
}
