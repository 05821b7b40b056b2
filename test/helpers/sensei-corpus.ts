import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';

/**
 * The corpus of real Sensei files lives beside the repository (`../shared/sensei`), not in it: a
 * fresh clone has none. Tests over it skip, saying why, when it is absent; CI sets
 * SIMSIM_REQUIRE_SENSEI_CORPUS=1 so a missing corpus fails there instead of skipping quietly.
 */
export const SENSEI_DIR = fileURLToPath(new URL('../../../shared/sensei/', import.meta.url));

export const senseiCorpusPresent = existsSync(join(SENSEI_DIR, 'user_profile_examples'));

const reason = `the Sensei corpus is not at ${SENSEI_DIR} (a fresh clone has no ../shared/sensei); these tests run where it is present, as in CI`;

if (!senseiCorpusPresent && process.env['SIMSIM_REQUIRE_SENSEI_CORPUS'] === '1') {
  throw new Error(`SIMSIM_REQUIRE_SENSEI_CORPUS=1 but ${reason}`);
}

let announced = false;

/** `describe`, or, without the corpus, one skipped test that prints the reason. */
export function describeWithSenseiCorpus(name: string, body: () => void): void {
  if (senseiCorpusPresent) {
    describe(name, body);
    return;
  }
  if (!announced) {
    announced = true;
    process.stderr.write(`skipping the tests over the Sensei corpus: ${reason}\n`);
  }
  describe(name, () => {
    it('needs the Sensei corpus', (context) => {
      context.skip(reason);
    });
  });
}
