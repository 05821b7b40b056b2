import { join } from 'node:path';
import { UsageError } from '../base/errors.ts';
import {
  calibrate,
  readLabelsFile,
  type CalibrationReport,
  type JudgedItem,
  type LabelProblem,
} from '../calibrate/index.ts';
import { VERDICT_LABELS, type VerdictLabel } from '../stats/agreement.ts';
import { readBounded } from '../yaml/read-bounded.ts';

/** run.json of the largest runs fits well below this. */
const MAX_RUN_JSON_BYTES = 1024 * 1024 * 1024;

type Rec = Record<string, unknown>;
const isRec = (value: unknown): value is Rec => typeof value === 'object' && value !== null && !Array.isArray(value);

function notARun(dir: string, why: string): UsageError {
  return new UsageError(`${dir} is not a readable simsim run folder: ${why}`, {
    hint: 'Give the output folder of a "simsim run" whose profiles have chatbot.expect (it holds run.json).',
  });
}

async function readManifest(runDir: string): Promise<Rec> {
  let read;
  try {
    read = await readBounded(join(runDir, 'run.json'), MAX_RUN_JSON_BYTES);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw notARun(runDir, code === 'ENOENT' ? 'run.json is missing' : `run.json cannot be read (${String(code)})`);
  }
  if (!read.ok) throw notARun(runDir, 'run.json is too large');
  let parsed: unknown;
  try {
    parsed = JSON.parse(read.bytes.toString('utf8'));
  } catch (error) {
    throw notARun(runDir, `run.json is not valid JSON (${(error as Error).message})`);
  }
  if (!isRec(parsed) || !Array.isArray(parsed['conversations'])) throw notARun(runDir, 'run.json has no conversations');
  return parsed;
}

/**
 * The expectations a run judged, as calibration compares them with human labels: one item per
 * conversation (and trial) and expectation whose verdict is passed, failed or inconclusive (an
 * expectation that raised an error was not judged).
 */
export async function judgedItemsOfRun(runDir: string): Promise<JudgedItem[]> {
  const manifest = await readManifest(runDir);
  const items: JudgedItem[] = [];
  for (const conversation of manifest['conversations'] as unknown[]) {
    if (!isRec(conversation) || typeof conversation['id'] !== 'string') continue;
    const trial = typeof conversation['trial'] === 'number' ? conversation['trial'] : undefined;
    for (const expectation of Array.isArray(conversation['expectations']) ? conversation['expectations'] : []) {
      if (!isRec(expectation) || typeof expectation['expectation'] !== 'string') continue;
      const verdict = expectation['verdict'];
      if (!(VERDICT_LABELS as readonly unknown[]).includes(verdict)) continue;
      items.push({
        conversation: conversation['id'],
        trial,
        expectation: expectation['expectation'],
        verdict: verdict as VerdictLabel,
      });
    }
  }
  return items;
}

export type CalibrationOutcome =
  | { readonly ok: true; readonly report: CalibrationReport }
  | { readonly ok: false; readonly problems: readonly LabelProblem[] };

/** `simsim calibrate`: the human labels of a file against the judge's verdicts of a run. */
export async function calibrateRun(labelsFile: string, runDir: string): Promise<CalibrationOutcome> {
  const parsed = await readLabelsFile(labelsFile);
  if (parsed.problems.length > 0) return { ok: false, problems: parsed.problems };
  return { ok: true, report: calibrate(parsed.labels, await judgedItemsOfRun(runDir)) };
}
