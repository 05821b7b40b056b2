import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { asRecord, asString, type Rec } from '../base/access.ts';
import { checkTarget } from '../targets/check-target.ts';
import type { FileDiagnostics } from '../yaml/file-diagnostics.ts';

const text = (v: unknown): string | undefined => {
  const s = asString(v);
  return s === undefined || s.trim() === '' ? undefined : s.trim();
};

/**
 * run.yml's `target:` and `cases:`: a target instead of (never besides) a connector, whose file
 * exists and seems to define the function; a test-case file that exists. The test cases
 * themselves are checked as a file of their own.
 */
export async function checkRunCasesAndTarget(value: Rec, projectDir: string, sink: FileDiagnostics): Promise<void> {
  const targetMap = asRecord(value['target']);
  const target = text(targetMap === undefined ? value['target'] : targetMap['function']);
  if (target !== undefined) {
    const at = targetMap === undefined ? ['target'] : ['target', 'function'];
    const other = ['connector', 'technology'].find((key) => text(value[key]) !== undefined);
    if (other !== undefined)
      sink.error('schema-value', ['target'], `\`target\` and \`${other}\` both name the chatbot; keep one`, {
        key: true,
        hint: 'A target is the chatbot itself, called in process; a connector reaches one over HTTP.',
      });
    for (const problem of (await checkTarget(target, projectDir)).problems) {
      const report = problem.severity === 'error' ? sink.error.bind(sink) : sink.warning.bind(sink);
      report('run-reference', at, problem.message, { hint: problem.hint });
    }
    if (asRecord(value['server']) !== undefined)
      sink.warning('feature-unsupported', ['server'], 'the server: block is not started when the chatbot is a target', {
        key: true,
        hint: 'A target is called in process; start what it needs yourself, or talk to a server with a connector.',
      });
  }
  const casesMap = asRecord(value['cases']);
  const cases = text(casesMap === undefined ? value['cases'] : casesMap['file']);
  if (cases !== undefined) {
    const info = await stat(resolve(projectDir, cases)).catch(() => undefined);
    if (info === undefined || !info.isFile())
      sink.error(
        'run-reference',
        casesMap === undefined ? ['cases'] : ['cases', 'file'],
        `cases \`${cases}\` ${info === undefined ? 'does not exist' : 'is a folder, not a file'}`,
        { hint: 'The path is relative to the project folder.' },
      );
  }
}
