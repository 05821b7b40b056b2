import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../src/load/load-project.ts';

/**
 * One project folder per diagnostic code under test/fixtures/diagnostics/<code>/, with the
 * diagnostics validation must give in expected.txt (`file:line:col severity code`, one a line).
 * SIMSIM_UPDATE_FIXTURES=1 writes the files from what simsim finds, for review.
 */
const ROOT = fileURLToPath(new URL('../fixtures/diagnostics/', import.meta.url));
const CODES = readdirSync(ROOT, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

describe('a fixture folder per diagnostic code', () => {
  it('has some', () => {
    expect(CODES.length).toBeGreaterThanOrEqual(5);
  });

  it.each(CODES)('%s', async (code) => {
    const dir = join(ROOT, code);
    const { diagnostics } = await loadProject(dir, {}, { cwd: dir, env: {} });
    const found = `${diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.code}`).join('\n')}\n`;
    const expectedFile = join(dir, 'expected.txt');
    if (process.env['SIMSIM_UPDATE_FIXTURES'] === '1' || !existsSync(expectedFile)) writeFileSync(expectedFile, found);
    expect(found).toBe(readFileSync(expectedFile, 'utf8'));
    expect(diagnostics.map((d) => d.code)).toContain(code);
  });
});
