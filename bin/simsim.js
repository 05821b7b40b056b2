#!/usr/bin/env node
// The package's executable: runs the CLI bundle that `npm run build` writes into dist/.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
// Required, not imported: importing from node:fs builds its ES module face, which loads its
// streams too, for one existsSync.
const { existsSync } = require('node:fs');

const bundle = new URL('../dist/bin/simsim.cjs', import.meta.url);
const runner = new URL('../dist/bin/run-bundle.cjs', import.meta.url);
if (!existsSync(bundle) || !existsSync(runner)) {
  process.stderr.write(
    `simsim is not built yet: run "npm run build" in ${fileURLToPath(new URL('..', import.meta.url))}\n`,
  );
  process.exitCode = 70;
} else {
  const { runBundle } = require(fileURLToPath(runner));
  runBundle(fileURLToPath(bundle), process.argv.slice(2));
}
