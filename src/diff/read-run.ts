import { join } from 'node:path';
import { UsageError } from '../base/errors.ts';
import { readBounded } from '../yaml/read-bounded.ts';
import type { RuleTotals, RunConversation, RunSnapshot } from './run-snapshot.ts';

/** run.json and conversations.jsonl of runs far larger than simsim's 10,000-conversation benchmark fit. */
export const MAX_RUN_FILE_BYTES = 1024 * 1024 * 1024;

type Rec = Record<string, unknown>;
const isRec = (value: unknown): value is Rec => typeof value === 'object' && value !== null && !Array.isArray(value);

function notARun(dir: string, why: string): UsageError {
  return new UsageError(`${dir} is not a readable simsim run folder: ${why}`, {
    hint: 'Give two output folders of "simsim run" (each holds run.json and conversations.jsonl).',
  });
}

async function readText(dir: string, name: string): Promise<string> {
  const path = join(dir, name);
  let read;
  try {
    read = await readBounded(path, MAX_RUN_FILE_BYTES);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw notARun(
      dir,
      code === 'ENOENT'
        ? `${name} is missing`
        : code === 'EISDIR'
          ? `${name} is a folder`
          : `${name} cannot be read (${(error as Error).message})`,
    );
  }
  if (!read.ok) throw notARun(dir, `${name} is larger than ${MAX_RUN_FILE_BYTES / 1024 / 1024} MiB`);
  return read.bytes.toString('utf8');
}

function parseJson(dir: string, name: string, text: string, line?: number): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw notARun(
      dir,
      `${name}${line === undefined ? '' : `:${line}`} is not valid JSON (${(error as Error).message})`,
    );
  }
}

const text = (value: unknown, fallback = ''): string => (typeof value === 'string' ? value : fallback);
const count = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;

/** Whether a recorded result held: `passed: true|false`, `verdict: passed|failed`, `status: pass|fail`. */
function held(item: Rec): boolean | undefined {
  if (typeof item['passed'] === 'boolean') return item['passed'];
  const verdict = item['verdict'] ?? item['status'];
  if (verdict === 'passed' || verdict === 'pass') return true;
  if (verdict === 'failed' || verdict === 'fail') return false;
  return undefined;
}

/** Results by name from the lists a run records them in; the first list that names a result wins. */
function resultsOf(sources: readonly unknown[], names: readonly string[]): Record<string, boolean | undefined> {
  const results: Record<string, boolean | undefined> = {};
  for (const source of sources) {
    if (!Array.isArray(source)) continue;
    for (const item of source) {
      if (!isRec(item)) continue;
      const name = names.map((key) => text(item[key])).find((n) => n !== '') ?? '';
      if (name === '' || name in results) continue;
      results[name] = held(item);
    }
  }
  return results;
}

/**
 * Rule results per conversation: run.json's `rules: [{rule, status}]` (what `simsim run` writes
 * for the rules about one conversation at a time), or `{name, passed}` lists.
 */
const rulesOf = (line: Rec | undefined, entry: Rec) => resultsOf([entry['rules'], line?.['rules']], ['rule', 'name']);

/** Expectation results per conversation: `{expectation|name|criterion, verdict}` or `{name, passed}`. */
const expectationsOf = (line: Rec | undefined, entry: Rec) =>
  resultsOf([entry['expectations'], line?.['expectations']], ['expectation', 'name', 'criterion']);

/** run.json's `check.rules`: every rule's counts over the run. */
function ruleTotals(manifest: Rec): Map<string, RuleTotals> {
  const totals = new Map<string, RuleTotals>();
  const check = manifest['check'];
  if (!isRec(check) || !Array.isArray(check['rules'])) return totals;
  for (const rule of check['rules']) {
    if (!isRec(rule) || text(rule['name']) === '') continue;
    const pass = count(rule['pass']) ?? 0;
    const fail = count(rule['fail']) ?? 0;
    const notApplicable = count(rule['not_applicable']) ?? 0;
    totals.set(text(rule['name']), {
      kind: typeof rule['kind'] === 'string' ? rule['kind'] : undefined,
      checks: count(rule['checks']) ?? pass + fail + notApplicable,
      pass,
      fail,
      notApplicable,
    });
  }
  return totals;
}

/** Trials of one planned conversation may share its id; the trial tells their lines apart. */
const lineKey = (id: string, trial: number) => `${id}\u0000${trial}`;

function conversationOf(
  dir: string,
  entry: unknown,
  position: number,
  lines: ReadonlyMap<string, Rec>,
): RunConversation {
  if (!isRec(entry)) throw notARun(dir, `run.json: conversations[${position}] is not an object`);
  const id = text(entry['id']);
  const index = count(entry['index']);
  if (id === '' || index === undefined) throw notARun(dir, `run.json: conversations[${position}] has no id or index`);
  const line = lines.get(lineKey(id, count(entry['trial']) ?? 1));
  const timing = isRec(entry['timing']) ? entry['timing'] : isRec(line?.['timing']) ? line['timing'] : {};
  const cost = isRec(entry['cost']) ? entry['cost'] : {};
  const usd = cost['usd'];
  const testName = text(entry['test_name'], text(line?.['test_name']));
  return {
    id,
    testName,
    folder: text(entry['folder'], testName),
    profile: text(entry['profile'], text(line?.['profile'])),
    index,
    trial: count(entry['trial']) ?? count(line?.['trial']) ?? 1,
    status: text(entry['status'], text(line?.['status'])),
    passed: entry['passed'] === true,
    verdict:
      typeof entry['verdict'] === 'string'
        ? entry['verdict']
        : typeof line?.['verdict'] === 'string'
          ? line['verdict']
          : undefined,
    stopReason: text(entry['stop_reason'], text(line?.['stop_reason'])),
    turns: count(entry['turns']) ?? (Array.isArray(line?.['messages']) ? line['messages'].length : 0),
    costUsd: typeof usd === 'number' ? usd : null,
    responseTimes: Array.isArray(timing['responseTimes'])
      ? timing['responseTimes'].filter((t): t is number => typeof t === 'number')
      : [],
    outputs: isRec(line?.['outputs']) ? line['outputs'] : {},
    rules: rulesOf(line, entry),
    expectations: expectationsOf(line, entry),
  };
}

/**
 * Reads the two files of a run folder a diff compares: run.json (status, pass, stop reason,
 * turns, cost, timings, rule and expectation results per conversation, the rules' counts) and
 * conversations.jsonl (extracted outputs). A folder
 * that is not a finished simsim run is a usage error (exit 2) that says what is missing.
 */
export async function readRunFolder(dir: string): Promise<RunSnapshot> {
  const manifest = parseJson(dir, 'run.json', await readText(dir, 'run.json'));
  if (!isRec(manifest) || typeof manifest['format'] !== 'string' || !manifest['format'].startsWith('simsim-run/'))
    throw notARun(dir, 'run.json is not a simsim run manifest (no "format": "simsim-run/...")');
  if (!Array.isArray(manifest['conversations'])) throw notARun(dir, 'run.json has no conversations list');
  const lines = new Map<string, Rec>();
  const jsonl = await readText(dir, 'conversations.jsonl');
  jsonl.split('\n').forEach((raw, i) => {
    if (raw.trim() === '') return;
    const line = parseJson(dir, 'conversations.jsonl', raw, i + 1);
    if (isRec(line) && typeof line['id'] === 'string') lines.set(lineKey(line['id'], count(line['trial']) ?? 1), line);
  });
  const conversations = manifest['conversations'].map((entry, i) => conversationOf(dir, entry, i, lines));
  return {
    dir,
    serial: text(manifest['serial']),
    seed: typeof manifest['seed'] === 'string' ? manifest['seed'] : null,
    conversations,
    rules: ruleTotals(manifest),
  };
}
