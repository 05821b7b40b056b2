// Preloaded into a simsim child by bench/first-request.mjs (`node --import <this file> bin/simsim.js ...`):
// at exit it writes {"firstMs", "fiftiethMs", "cpuMs"} to the file named by SIMSIM_BENCH_FIRST_FILE:
// the wall-clock time (Date.now()) at which the first and the 50th request went out on a socket,
// and the CPU time of the whole process. node:fs is required, not imported, so that this hook does
// not load what an import of it loads (its streams) before simsim starts.
import { createRequire } from 'node:module';

const target = process.env.SIMSIM_BENCH_FIRST_FILE;
if (target) {
  const require = createRequire(import.meta.url);
  const { Socket } = require('node:net');
  const { writeFileSync } = require('node:fs');
  const times = [];
  const write = Socket.prototype.write;
  Socket.prototype.write = function (...args) {
    if (times.length < 50 && this !== process.stdout && this !== process.stderr) times.push(Date.now());
    return write.apply(this, args);
  };
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(
      target,
      JSON.stringify({
        firstMs: times[0],
        fiftiethMs: times[49],
        cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
      }),
    );
  });
}
