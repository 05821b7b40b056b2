#!/usr/bin/env node
// The package's executable: runs the compiled CLI in dist/.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/bin/simsim.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write(
    `simsim is not built yet: run "npm run build" in ${fileURLToPath(new URL('..', import.meta.url))}\n`,
  );
  process.exitCode = 70;
} else {
  await import(entry.href);
}
