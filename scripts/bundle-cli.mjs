// Bundles the CLI into one CommonJS script, dist/bin/simsim.cjs (written inside the runner's
// function wrapper), which bin/simsim.js runs through V8's code cache (src/bin/run-bundle.ts,
// bundled into dist/bin/run-bundle.cjs): Node 20 caches no compiled ES module, and loading and
// compiling the CLI's modules was most of the start-up of a short run. A dynamic `import()` of
// our own code stays lazy: esbuild runs that module's code when the import is reached. The
// script stays two levels below the package root, as the compiled modules are
// (base/package-paths.ts finds the root from there). Packages that read files of their own at
// run time, or load lazily anyway, stay outside the bundle.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { genaiPricesIdentity } from '../dist/cost/price-probes.js';
import { rewriteBundle } from './rewrite-bundle.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'bin');
/** Pure JavaScript, no files of their own: safe to inline (the ES-only ones must be, to be required). */
const INLINE = new Set([
  'chalk',
  'commander',
  'yaml',
  'openai',
  '@anthropic-ai/sdk',
  'csv-stringify',
  'p-limit',
  'ora',
  'tokenx',
  'fastest-levenshtein',
  // Its price table is a large script: from the bundle it comes with the code cache, and the
  // build then says which one it carries (src/cost/price-probes.ts) instead of a run resolving it.
  '@pydantic/genai-prices',
]);
const { dependencies } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const external = Object.keys(dependencies)
  .filter((name) => !INLINE.has(name))
  .flatMap((name) => [name, `${name}/*`]);

// The parts of the earlier ES module bundle, and tsc's modules of src/bin/, which the two
// scripts below replace.
const REPLACED = new Set(['simsim.js', 'run-bundle.js', 'code-cache.js', 'bundle-identity.js']);
for (const file of readdirSync(out)) if (file.startsWith('lazy-') || REPLACED.has(file)) rmSync(join(out, file));

// The runner that bin/simsim.js requires: a CommonJS file of its own (Node loads it, with its
// built-ins, faster than two ES modules), not in the bundle whose code cache it manages.
await build({
  entryPoints: [join(root, 'src', 'bin', 'run-bundle.ts')],
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  outfile: join(out, 'run-bundle.cjs'),
  logLevel: 'warning',
});
// The bundle is written inside the runner's wrapper (see wrapBundle), so the runner compiles the
// file's text as it is.
const { wrapBundle } = createRequire(import.meta.url)(join(out, 'run-bundle.cjs'));

// The precompiled validators' ajv runtime functions (pure JavaScript) go in the bundle too:
// required from node_modules, each was resolved, read and compiled at every start.
const AJV_RUNTIME = /^ajv\/dist\/runtime\/(ucs2length|equal)$/;
const inlineAjvRuntime = {
  name: 'inline-ajv-runtime',
  setup(plugin) {
    plugin.onResolve({ filter: AJV_RUNTIME }, (args) => ({ path: createRequire(args.importer).resolve(args.path) }));
  },
};

const { outputFiles } = await build({
  entryPoints: [join(root, 'src', 'bin', 'simsim.ts')],
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  outfile: join(out, 'simsim.cjs'),
  external,
  plugins: [inlineAjvRuntime],
  // The SDKs' Headers and FormData without loading Node's fetch (src/net/bundle-globals.ts).
  inject: [join(root, 'src', 'net', 'bundle-globals.ts')],
  // The sources are ES modules: strict, with import.meta.url naming the file they run from. The
  // SDKs' `globalThis.ReadableStream`, read at every request, is the injected one (bundle-globals.ts).
  define: {
    'import.meta.url': '__simsimBundleUrl',
    'globalThis.ReadableStream': 'BundleReadableStream',
    __SIMSIM_GENAI_PRICES__: JSON.stringify(genaiPricesIdentity()),
  },
  banner: { js: "'use strict';\nvar __simsimBundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  // Without the whitespace and comments the script is a third smaller: less to read and decode
  // at every start. Names stay, so a stack trace still names its functions.
  minifyWhitespace: true,
  logLevel: 'warning',
  write: false,
});
for (const file of outputFiles) writeFileSync(file.path, wrapBundle(rewriteBundle(file.text)));
