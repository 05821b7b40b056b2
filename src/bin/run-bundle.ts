import { isAscii } from 'node:buffer';
import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import * as nodeModule from 'node:module';
import { dirname, join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Script } from 'node:vm';
import { bundleIdentity } from './bundle-identity.ts';
import { codeCacheDirs, codeCacheFileName, readCodeCache, writeCodeCache } from './code-cache.ts';

// Node 20 keeps no compiled code between runs, and compiling the CLI was most of a short run's
// start-up. The build makes the CLI one CommonJS script (scripts/bundle-cli.mjs); this runs it as
// Node runs a CommonJS module, from V8's code cache when there is one. The cache is written when
// the process exits, so it holds the functions the run compiled as it went, not only the ones
// compiled up front.

// `__simsimImport` is the bundle's import(): see scripts/rewrite-bundle.mjs.
const WRAPPER_HEAD = '(function (exports, require, module, __filename, __dirname, __simsimImport) { ';
const WRAPPER_TAIL = '\n})';

/**
 * The bundle as the build writes it: already inside the wrapper, so that V8 compiles the text
 * read from the file as it is (adding the wrapper at start-up copied all 4 MB into a new string).
 */
export function wrapBundle(code: string): string {
  return WRAPPER_HEAD + code + WRAPPER_TAIL;
}

function isWrapped(source: string): boolean {
  return source.startsWith(WRAPPER_HEAD) && source.endsWith(WRAPPER_TAIL);
}

type ModuleWrapper = (
  exports: unknown,
  require: NodeJS.Require,
  module: { exports: unknown },
  filename: string,
  dirname: string,
  importModule: (specifier: string) => Promise<unknown>,
) => void;

/**
 * What a cache entry is valid for: the bundle's bytes (see bundle-identity.ts), and what else V8
 * compiles them with. V8 rejects data made by another version or with other flags, but not data
 * made for another script of the same length.
 */
function cacheKey(bytes: Buffer, identity: string, env: NodeJS.ProcessEnv): string {
  const { version, arch, versions, execArgv } = process;
  return [bytes.length, identity, version, arch, versions.v8, execArgv.join(' '), env['NODE_OPTIONS'] ?? ''].join('\n');
}

/** The bundle's bytes, and its status as it was before they were read. */
function readBundle(file: string): { bytes: Buffer; identity: string } {
  const fd = openSync(file, 'r');
  try {
    const stat = fstatSync(fd, { bigint: true });
    const bytes = readFileSync(fd);
    return { bytes, identity: bundleIdentity(stat, bytes, Date.now()) };
  } finally {
    closeSync(fd);
  }
}

/** Runs the CLI bundle at `file` for `argv` (the arguments after the executable's path). */
export function runBundle(file: string, argv: readonly string[], env: NodeJS.ProcessEnv = process.env): void {
  // What a run keeps alive is flat whatever its length, but it makes garbage all along, and V8
  // lets the heap grow to 4x what is live before it collects: 1.5x keeps a long run's memory near
  // a short one's, for a few more collections of a small heap (a real leak still grows the heap).
  // Set before compiling: V8 accepts
  // cached code only under the flags it was made with.
  setFlagsFromString('--heap-growing-percent=50');
  const { bytes, identity } = readBundle(file);
  // Decoding as Latin-1 is a third of the cost of UTF-8, and the same for ASCII.
  const text = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
  const source = isWrapped(text) ? text : wrapBundle(text);
  const dirs = env['NODE_DISABLE_COMPILE_CACHE'] === undefined ? codeCacheDirs(env) : [];
  const key = cacheKey(bytes, identity, env);
  // One entry per command: a run compiles other functions than `validate` or `--help`.
  const fileName = codeCacheFileName(argv[0] ?? 'cli', key);
  const cachedData = dirs.length === 0 ? undefined : readCodeCache(dirs, fileName, key);
  // Where Node >= 22.1 can, the packages loaded from node_modules are cached too.
  const enableCompileCache = (nodeModule as { enableCompileCache?: (dir: string) => unknown }).enableCompileCache;
  if (dirs[0] !== undefined) enableCompileCache?.(join(dirs[0].path, 'node'));
  const script = new Script(source, {
    filename: file,
    ...(cachedData === undefined ? {} : { cachedData }),
  });
  if (dirs.length > 0 && (cachedData === undefined || script.cachedDataRejected === true)) {
    process.once('exit', () => writeCodeCache(dirs, fileName, key, script.createCachedData()));
  }
  const module = { exports: {} };
  const wrapper = script.runInThisContext() as ModuleWrapper;
  const importModule = (specifier: string): Promise<unknown> => import(specifier);
  wrapper.call(
    module.exports,
    module.exports,
    nodeModule.createRequire(file),
    module,
    file,
    dirname(file),
    importModule,
  );
}
