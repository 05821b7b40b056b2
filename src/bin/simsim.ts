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

// Not a top-level await: a CommonJS script has none.
void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
