import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, onTestFinished } from 'vitest';

/**
 * A folder that is removed when the test that made it ends (or, made outside a test, when its
 * file's tests end).
 */
export function tempDir(prefix = 'simsim-test-'): string {
  const root = mkdtempSync(join(tmpdir(), prefix));
  const remove = () => rmSync(root, { recursive: true, force: true });
  try {
    onTestFinished(remove);
  } catch {
    afterAll(remove);
  }
  return root;
}

/** A throwaway project folder built from a map of relative path -> content, removed after the test. */
export function tempProject(files: Record<string, string | Buffer>): string {
  const root = tempDir();
  for (const [rel, content] of Object.entries(files)) {
    const path = join(root, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
  return root;
}
