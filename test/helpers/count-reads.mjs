// Preloaded with `node --import` to count the files a command reads: every read of a file's
// content (readFile, readFileSync, an open for reading, a read stream) is appended, with the
// process id, to the file named by SIMSIM_READ_LOG.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { fileURLToPath } from 'node:url';

const log = process.env.SIMSIM_READ_LOG;
let inside = false;
const pathOf = (p) => (p instanceof URL ? fileURLToPath(p) : typeof p === 'string' ? p : undefined);
const isRead = (flags) => flags === undefined || flags === 'r' || flags === fs.constants.O_RDONLY;

function wrap(target, name, readsWhen) {
  const original = target[name];
  target[name] = function (path, ...rest) {
    if (inside) return original.call(this, path, ...rest);
    const file = pathOf(path);
    // Calls made inside this one (readFileSync opens the file) are part of the same read.
    inside = true;
    try {
      if (log !== undefined && file !== undefined && readsWhen(rest))
        fs.appendFileSync(log, `${process.pid}\t${file}\n`);
      return original.call(this, path, ...rest);
    } finally {
      inside = false;
    }
  };
}

const always = () => true;
const flagsOf = (rest) => (typeof rest[0] === 'object' && rest[0] !== null ? (rest[0].flag ?? rest[0].flags) : rest[0]);
wrap(fs, 'readFileSync', always);
wrap(fs, 'readFile', always);
wrap(fs.promises, 'readFile', always);
wrap(fs, 'createReadStream', always);
wrap(fs, 'openSync', (rest) => isRead(flagsOf(rest)));
wrap(fs, 'open', (rest) => isRead(typeof rest[0] === 'function' ? undefined : flagsOf(rest)));
wrap(fs.promises, 'open', (rest) => isRead(flagsOf(rest)));
syncBuiltinESMExports();
