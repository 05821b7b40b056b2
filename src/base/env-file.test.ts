import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProjectEnv } from './env-file.ts';

describe('project .env', () => {
  it('adds the file under the process environment, which wins', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'simsim-env-'));
    try {
      await writeFile(join(dir, '.env'), '# keys\nOPENAI_API_KEY=sk-from-file\nANTHROPIC_API_KEY="quoted key"\n');
      const env = await loadProjectEnv(dir, { OPENAI_API_KEY: 'sk-from-shell', PATH: '/bin' });
      expect(env).toMatchObject({ OPENAI_API_KEY: 'sk-from-shell', ANTHROPIC_API_KEY: 'quoted key', PATH: '/bin' });
      expect(await loadProjectEnv(join(dir, 'missing'), { A: '1' })).toEqual({ A: '1' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
