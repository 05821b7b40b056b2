import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/run-cli.ts';

/** Every module reachable from `entry` through static imports (dynamic `import()` excluded). */
function staticGraph(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    if (!file.endsWith('.ts')) return;
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/^\s*(?:import|export)\s[^;]*?\sfrom\s+'([^']+)'|^\s*import\s+'([^']+)'/gms)) {
      const spec = match[1] ?? match[2] ?? '';
      if (/^(import|export)\s+type\s/.test(match[0].trim())) continue;
      visit(spec.startsWith('.') ? resolve(dirname(file), spec) : spec);
    }
  };
  visit(resolve(REPO_ROOT, entry));
  return seen;
}

const SDKS = ['openai', '@anthropic-ai/sdk'];

describe('heavy SDKs load lazily', () => {
  it.each([
    'src/cli/main.ts',
    'src/app/validate-project.ts',
    'src/llm/llm-runtime.ts',
    'src/llm/profile-worst-case.ts',
  ])('%s does not import an LLM SDK statically', (entry) => {
    const graph = staticGraph(entry);
    expect(graph.size).toBeGreaterThan(1);
    for (const sdk of SDKS) expect(graph.has(sdk)).toBe(false);
  });

  it('the adapters do (so the check above can see them)', () => {
    expect(staticGraph('src/llm/adapters/openai.ts').has('openai')).toBe(true);
    expect(staticGraph('src/llm/adapters/anthropic.ts').has('@anthropic-ai/sdk')).toBe(true);
  });
});
