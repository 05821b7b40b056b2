import { UsageError } from '../base/errors.ts';
import { VERDICT_LABELS, type VerdictLabel } from '../stats/agreement.ts';
import { readBounded } from '../yaml/read-bounded.ts';

/** One human verdict: what a person decided about one expectation on one conversation. */
export interface HumanLabel {
  /** The conversation id of run.json (`<folder>/<index>`). */
  readonly conversation: string;
  /** 1 unless the run played trials. */
  readonly trial: number;
  /** The expectation as the profile writes it (`judge: ...`, `goal_achieved`, `says: ...`). */
  readonly expectation: string;
  readonly verdict: VerdictLabel;
  /** 1-based line of the labels file. */
  readonly line: number;
}

export interface LabelProblem {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

export interface ParsedLabels {
  readonly labels: readonly HumanLabel[];
  readonly problems: readonly LabelProblem[];
}

/** A labels file is written by hand or by a small script: far below this. */
export const MAX_LABELS_BYTES = 16 * 1024 * 1024;

const KEYS = ['conversation', 'trial', 'expectation', 'verdict', 'note'];
const PREFIXES = ['judge:', 'says:', 'never_says:'];

/**
 * The expectation as reports name it. A bare sentence is a judge criterion, so people may leave
 * out the `judge:` prefix; spaces after the colon do not matter.
 */
export function expectationKey(text: string): string {
  const trimmed = text.trim();
  if (trimmed === 'goal_achieved') return trimmed;
  const prefix = PREFIXES.find((p) => trimmed.startsWith(p));
  if (prefix === undefined) return `judge: ${trimmed}`;
  return `${prefix} ${trimmed.slice(prefix.length).trim()}`;
}

/** Column of a JSON.parse error (`... at position 12 ...`), 1-based. */
function jsonErrorColumn(error: unknown): number {
  const match = /position (\d+)/.exec(error instanceof Error ? error.message : '');
  return match ? Number(match[1]) + 1 : 1;
}

/**
 * Reads JSON lines of `{"conversation": "pizza_order/0", "expectation": "judge: ...",
 * "verdict": "passed"}` (optional `trial`, and a free `note`). Blank lines are skipped; every bad
 * line is a problem with its line and column, and the good lines are still read.
 */
export function parseLabels(text: string): ParsedLabels {
  const labels: HumanLabel[] = [];
  const problems: LabelProblem[] = [];
  const seen = new Map<string, number>();
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((raw, i) => {
      const line = i + 1;
      if (raw.trim() === '') return;
      const problem = (message: string, column = 1): void => {
        problems.push({ line, column, message });
      };
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch (error) {
        problem(`not valid JSON: ${(error as Error).message}`, jsonErrorColumn(error));
        return;
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        problem(
          'each line must be a JSON object like {"conversation": "pizza_order/0", "expectation": "goal_achieved", "verdict": "passed"}',
        );
        return;
      }
      const record = value as Record<string, unknown>;
      const unknown = Object.keys(record).filter((k) => !KEYS.includes(k));
      if (unknown.length > 0)
        return problem(
          `unknown key${unknown.length === 1 ? '' : 's'} ${unknown.map((k) => JSON.stringify(k)).join(', ')} (allowed: ${KEYS.join(', ')})`,
        );
      const { conversation, expectation, verdict } = record;
      const trial = record['trial'] ?? 1;
      if (typeof conversation !== 'string' || conversation.trim() === '')
        return problem('"conversation" must be the conversation id of run.json, like "pizza_order/0"');
      if (typeof expectation !== 'string' || expectation.trim() === '')
        return problem(
          '"expectation" must be the expectation as the profile writes it, like "judge: the chatbot confirms the order"',
        );
      if (typeof verdict !== 'string' || !VERDICT_LABELS.includes(verdict as VerdictLabel)) {
        return problem(`"verdict" must be one of ${VERDICT_LABELS.join(', ')}, got ${JSON.stringify(verdict)}`);
      }
      if (typeof trial !== 'number' || !Number.isInteger(trial) || trial < 1)
        return problem(`"trial" must be a whole number from 1, got ${JSON.stringify(trial)}`);
      const label: HumanLabel = {
        conversation: conversation.trim(),
        trial,
        expectation: expectationKey(expectation),
        verdict: verdict as VerdictLabel,
        line,
      };
      const id = `${label.conversation}\u0000${label.trial}\u0000${label.expectation}`;
      const first = seen.get(id);
      if (first !== undefined)
        return problem(
          `a second label for ${label.conversation}${trial === 1 ? '' : ` trial ${trial}`} and "${label.expectation}" (the first is on line ${first})`,
        );
      seen.set(id, line);
      labels.push(label);
    });
  return { labels, problems };
}

/** Reads a labels file; a missing, unreadable or oversized file is a usage error (exit 2). */
export async function readLabelsFile(path: string): Promise<ParsedLabels> {
  let read;
  try {
    read = await readBounded(path, MAX_LABELS_BYTES);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      `cannot read the labels file ${path}${code === 'ENOENT' ? ': no such file' : code === 'EISDIR' ? ': it is a folder' : `: ${(error as Error).message}`}`,
      {
        hint: 'Give a JSONL file with one {"conversation", "expectation", "verdict"} object per line.',
      },
    );
  }
  if (!read.ok)
    throw new UsageError(`the labels file ${path} is larger than ${MAX_LABELS_BYTES / 1024 / 1024} MiB`, {
      hint: 'Split it, or label fewer conversations.',
    });
  return parseLabels(read.bytes.toString('utf8'));
}

/** Problems as `file:line:col: message` lines, for the terminal. */
export function formatLabelProblems(file: string, problems: readonly LabelProblem[]): string {
  return problems.map((p) => `${file}:${p.line}:${p.column}: ${p.message}\n`).join('');
}
