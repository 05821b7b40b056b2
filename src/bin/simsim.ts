import { setFlagsFromString } from 'node:v8';
import { main } from '../cli/main.ts';

// What a run keeps alive is flat whatever its length, but it makes garbage all along, and V8
// lets the heap grow to 4x what is live before it collects: 1.5x keeps a long run's memory near a
// short one's, for a few more collections of a small heap. A real leak still grows the heap.
setFlagsFromString('--heap-growing-percent=50');

// A reader that goes away (`simsim plan | head`) is not an error: stop quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

process.exitCode = await main(process.argv.slice(2));
