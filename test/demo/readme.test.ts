import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateProject } from '../../src/app/validate-project.ts';
import { REPO_ROOT } from '../helpers/run-cli.ts';
import { tempProject } from '../helpers/temp-project.ts';

const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');

describe('the README', () => {
  it('has an annotated profile that validates clean', async () => {
    const yaml = /## A profile, annotated\n\n```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(yaml).toBeDefined();
    const dir = tempProject({ 'profiles/annotated.yml': yaml ?? '' });
    const result = await validateProject({ projectDir: dir, cwd: dir });
    expect(result.diagnostics).toEqual([]);
  });

  it('names the two set-up commands and a section for everything the tool does', () => {
    expect(readme).toContain('npm install && npm run demo');
    expect(readme).toContain('npm test');
    for (const heading of [
      '## Quick start',
      '## Commands',
      '## `simsim run`',
      '## `simsim validate`',
      '## Talking to the chatbot: connectors',
      '## Models, costs and cache',
      '## The offline simulated user',
      '## Output files',
      '## Differences from Sensei',
      '## Exit codes',
    ]) {
      expect(readme).toContain(heading);
    }
  });
});
