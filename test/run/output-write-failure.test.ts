import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { offlinePizzaRun } from '../helpers/offline-pizza-run.ts';
import { tempProject } from '../helpers/temp-project.ts';

/** Every conversation YAML under a folder. */
function conversationFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) =>
    /^conversation_outputs\/.*\.ya?ml$/.test(f),
  );
}

describe('a conversation whose files cannot be written', () => {
  it('stops the run with what to do (exit 2, no stack), keeping the conversations already written', async () => {
    // The resume journal's folder is taken by a file, so the first conversation's record cannot be appended.
    const project = tempProject({ 'out/.simsim/results': 'not a folder\n' });
    const { cli, output } = await offlinePizzaRun({ project });
    expect(cli.code).toBe(2);
    expect(cli.stderr).toMatch(/cannot write the files of conversation \S+ in \S+/);
    expect(cli.stderr).toContain('--resume');
    expect(cli.stderr).not.toMatch(/hit a bug|\n\s+at /);
    // No conversation starts once a write failed: the 24 planned ones are not all played.
    const written = conversationFiles(output);
    expect(written.length).toBeGreaterThan(0);
    expect(written.length).toBeLessThan(24);
  });
});
