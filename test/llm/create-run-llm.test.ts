import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { createRunLlm } from '../../src/app/run/create-run-llm.ts';
import { loadProject } from '../../src/load/load-project.ts';
import type { Project } from '../../src/load/project.ts';
import { runSettingsFrom } from '../../src/load/run-settings.ts';
import { LlmCallError } from '../../src/llm/errors.ts';
import { clearProviderEnv, FakeClock } from '../helpers/llm-test-kit.ts';
import { startFakeLlmServer, type FakeLlmServer } from '../helpers/fake-llm-server.ts';
import { tempProject } from '../helpers/temp-project.ts';

let server: FakeLlmServer;

/** The project with this run.yml, loaded as a command loads it (its .env included). */
async function loaded(dir: string, runYml: Record<string, unknown>): Promise<Project> {
  await writeFile(join(dir, 'run.yml'), stringify(runYml));
  const result = await loadProject(dir, {}, { cwd: dir, env: {} });
  if (result.project === undefined) throw new Error(JSON.stringify(result.diagnostics));
  return result.project;
}
beforeAll(async () => {
  clearProviderEnv();
  server = await startFakeLlmServer({ apiKey: 'sk-from-dotenv-file' });
});
afterAll(() => server.close());

describe("a run's LLM layer from the project", () => {
  it('reads .env, run.yml providers, pricing and max_cost, and writes the cost CSV', async () => {
    const project = tempProject({ '.env': 'OPENAI_API_KEY=sk-from-dotenv-file\n' });
    try {
      const runYml = {
        providers: { openai: { base_url: server.openaiBaseUrl } },
        pricing: { 'gpt-4o': { input_per_mtok: 1, output_per_mtok: 1 } },
        max_cost: 2,
        execution_parameters: ['ignore_cache'],
      };
      const llm = await createRunLlm({
        project: await loaded(project, runYml),
        outputDir: join(project, 'output'),
        serial: 'S1',
        clock: new FakeClock(),
      });
      expect(llm.cache?.settings).toEqual({ all: false, ignore: true, update: false, clean: false });
      server.enqueue({ text: 'ok', usage: { input: 1_000_000, output: 1_000_000 } });
      const done = await llm
        .client('gpt-4o')
        .complete(
          { messages: [{ role: 'user', content: 'hi' }] },
          { module: 'user_simulator', conversation: '0_t_S1.yml', testName: 't' },
        );
      expect(done.costUsd).toBe(2);
      await expect(
        llm.client('gpt-4o').complete({ messages: [{ role: 'user', content: 'hi' }] }, { module: 'user_simulator' }),
      ).rejects.toThrow(/run cost cap of \$2/);
      await llm.finish();
      const csv = await readFile(join(project, 'output', 'reports', '__cost_reports__', 'cost_report_S1.csv'), 'utf8');
      expect(csv.split('\n')[1]).toMatch(/^0_t_S1\.yml,t,user_simulator,gpt-4o,2\.0,/);
      expect(csv).not.toContain('sk-from-dotenv-file');
    } finally {
      await rm(project, { recursive: true, force: true });
    }
  });

  it('never puts a key in an error message', async () => {
    const project = tempProject({});
    try {
      await writeFile(join(project, '.env'), 'OPENAI_API_KEY=sk-from-dotenv-file\n');
      const llm = await createRunLlm({
        project: await loaded(project, { providers: { openai: { base_url: server.openaiBaseUrl } } }),
        outputDir: project,
        serial: 'S',
      });
      server.enqueue({ status: 403, message: 'Key sk-from-dotenv-file may not use this model' });
      const error = await llm
        .client('openai:gpt-4o')
        .complete({ messages: [{ role: 'user', content: 'hi' }] }, { module: 'x' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LlmCallError);
      expect((error as LlmCallError).message).toContain('[REDACTED]');
      expect((error as LlmCallError).message).not.toContain('sk-from-dotenv-file');
    } finally {
      await rm(project, { recursive: true, force: true });
    }
  });

  it('merges cache flags in both spellings', () => {
    expect(
      runSettingsFrom(
        { execution_parameters: ['clean-cache', 'update_cache'] },
        { cache: true },
        { projectDir: '/p', runFile: undefined, cwd: '/' },
      ).cache,
    ).toEqual({ all: true, ignore: false, update: true, clean: true });
  });
});
