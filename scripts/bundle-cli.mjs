// Bundles the CLI into dist/bin/simsim.js (over the file tsc wrote) and its lazily loaded parts
// beside it (dist/bin/lazy-*.js): Node loads a few files instead of about 450 modules, which was
// most of the start-up of a short run. The parts stay two levels below the package root, as the
// compiled modules are (base/package-paths.ts finds the root from there). Packages that read
// files of their own at run time, or load lazily anyway, stay outside the bundle.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'bin');
/** Pure JavaScript, no files of their own: safe to inline. */
const INLINE = new Set(['chalk', 'commander', 'yaml', 'openai', '@anthropic-ai/sdk', 'csv-stringify', 'p-limit']);
const { dependencies } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const external = Object.keys(dependencies)
  .filter((name) => !INLINE.has(name))
  .flatMap((name) => [name, `${name}/*`]);

for (const file of readdirSync(out)) if (file.startsWith('lazy-')) rmSync(join(out, file));
await build({
  entryPoints: [join(root, 'src', 'bin', 'simsim.ts')],
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outdir: out,
  chunkNames: 'lazy-[name]-[hash]',
  external,
  // The SDKs' Headers and FormData without loading Node's fetch (src/net/bundle-globals.ts).
  inject: [join(root, 'src', 'net', 'bundle-globals.ts')],
  // Inlined CommonJS packages call require(): give every part one.
  banner: {
    js: "import { createRequire as __simsimRequire } from 'node:module'; const require = __simsimRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
