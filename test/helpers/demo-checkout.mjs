// Plain JavaScript so that the benchmarks (plain Node) and the tests share it.
import { cpSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** What a checkout holds that the README demo (offline user, bundled pizza bot) needs. */
const DEMO_ENTRIES = [
  'package.json',
  'bin',
  'dist',
  'schemas',
  'templates',
  'profiles',
  'personalities',
  'types',
  'connectors',
  'examples',
  'run.yml.example',
];

/**
 * Copies the demo's part of this checkout into `dir`, node_modules linked rather than copied: a
 * clean copy with no output/ and no caches, so runs in different copies never share state.
 */
export function copyDemoCheckout(dir) {
  for (const entry of DEMO_ENTRIES) cpSync(join(ROOT, entry), join(dir, entry), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
}
