import { main } from '../cli/main.ts';

// The CLI's entry: the build bundles it with everything it imports into one CommonJS script
// (scripts/bundle-cli.mjs), which bin/simsim.js runs through src/bin/run-bundle.ts.

// A reader that goes away (`simsim plan | head`) is not an error: stop quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

// Not a top-level await: a CommonJS script has none. Once the command is done (its files
// written and closed, its servers and connections stopped) and what it printed has left the
// process, it exits at once: tearing down the whole heap and every handle first took a run
// several milliseconds of its end, for nothing anyone reads. `exit` listeners still run.
void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
  let open = 2;
  const flushed = () => {
    if (--open === 0) process.exit();
  };
  process.stdout.write('', flushed);
  process.stderr.write('', flushed);
});
