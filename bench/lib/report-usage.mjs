// Preloaded into a simsim child by the benches (`node --import <this file> bin/simsim.js ...`):
// at exit it writes {"cpuMs", "maxRssMb", "runMaxRssMb"} of the process to the file named by
// SIMSIM_BENCH_USAGE_FILE: CPU time, peak RSS, and peak RSS when the last conversation ended
// (when the plain reporter prints its "simsim: N/N done" line), before the run's end-of-run
// reports. It changes nothing else.
import { writeFileSync } from 'node:fs';

const target = process.env.SIMSIM_BENCH_USAGE_FILE;
if (target) {
  let runMaxRss;
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = (chunk, ...rest) => {
    if (runMaxRss === undefined && /^simsim: \d+\/\d+ done/m.test(String(chunk)))
      runMaxRss = process.resourceUsage().maxRSS;
    return write(chunk, ...rest);
  };
  process.on('exit', () => {
    const usage = process.resourceUsage();
    const mb = (kb) => (kb === undefined ? undefined : kb / 1024);
    writeFileSync(
      target,
      JSON.stringify({
        cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
        maxRssMb: mb(usage.maxRSS),
        runMaxRssMb: mb(runMaxRss),
      }),
    );
  });
}
