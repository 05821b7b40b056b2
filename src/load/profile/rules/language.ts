import { closest } from '../../../base/diagnostics/did-you-mean.ts';
import type { FileDiagnostics } from '../../../yaml/file-diagnostics.ts';
import { knownLanguage, LANGUAGES } from '../../../model/languages.ts';
import type { DocPath } from '../../../yaml/source-file.ts';

/**
 * A language name, case-insensitive. A near miss of a known name is an error (a typo); a name
 * simsim does not know is a warning, since the model can still be asked to speak it.
 */
export function checkLanguage(sink: FileDiagnostics, name: string, path: DocPath): void {
  if (knownLanguage(name)) return;
  const match = closest(name, LANGUAGES);
  if (match) {
    sink.error('language-unknown', path, `unknown language \`${name}\` (did you mean \`${match}\`?)`);
  } else {
    sink.warning(
      'language-unknown',
      path,
      `simsim does not know the language \`${name}\`; the simulated user will be asked to speak it as written`,
      {
        hint: 'Use the English name of the language, e.g. Spanish or Portuguese.',
      },
    );
  }
}
