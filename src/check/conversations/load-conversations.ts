import { readFileSync, statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { isResultRecord, type ResultRecord } from '../../output/result-record.ts';
import { eachRecordLine } from '../../output/result-journal.ts';
import { PyDict, type PyValue } from '../expression/values.ts';
import { findYamlFiles } from '../discover-files.ts';
import { parseConversation, type Conversation, type RunFacts } from './read-conversation.ts';

/** Conversation files larger than this are skipped: no chatbot transcript is this big. */
export const MAX_CONVERSATION_BYTES = 32 * 1024 * 1024;

export interface LoadedConversations {
  readonly conversations: readonly Conversation[];
  /** Files that are not conversations (or cannot be read): skipped, each with why. */
  readonly skipped: readonly { readonly file: string; readonly problem: string }[];
}

function userTurns(conversation: Pick<Conversation, 'interaction'>): number {
  return conversation.interaction.items.filter((step) => step instanceof PyDict && step.has('User')).length;
}

function senseiFacts(meta: PyDict, turns: number): RunFacts {
  const cost: PyValue | undefined = meta.get('total_cost($)');
  return {
    stopReason: null,
    turns,
    costUsd: typeof cost === 'number' ? cost : typeof cost === 'bigint' ? Number(cost) : null,
    seed: null,
    profile: null,
  };
}

function factsOf(result: ResultRecord['result']): RunFacts {
  return {
    stopReason: result.stopReason,
    turns: result.turns.filter((t) => t.role === 'user').length,
    costUsd: result.cost.usd,
    seed: result.seed,
    profile: result.profileFile,
  };
}

const factsKey = (folder: string, index: number, trial: number | undefined) =>
  `${folder}\u0000${index}\u0000${trial !== undefined && trial > 1 ? trial : ''}`;

// The facts of a run's journal, read once for all its conversations (and again when it changed).
const journalFacts = new Map<
  string,
  { readonly size: number; readonly mtimeMs: number; readonly facts: Map<string, RunFacts> }
>();

/** The facts of every record in a run's results journal, by folder, index and trial (the last record of each). */
async function factsOfJournal(path: string): Promise<Map<string, RunFacts> | undefined> {
  let info;
  try {
    info = await stat(path);
  } catch {
    return undefined;
  }
  const known = journalFacts.get(path);
  if (known !== undefined && known.size === info.size && known.mtimeMs === info.mtimeMs) return known.facts;
  const facts = new Map<string, RunFacts>();
  await eachRecordLine(path, (text) => {
    let record: unknown;
    try {
      record = JSON.parse(text);
    } catch {
      return;
    }
    if (isResultRecord(record))
      facts.set(factsKey(record.folder, record.result.index, record.result.trial), factsOf(record.result));
  });
  // One run's facts at a time: a check reads its folder's conversations together.
  journalFacts.clear();
  journalFacts.set(path, { size: info.size, mtimeMs: info.mtimeMs, facts });
  return facts;
}

/**
 * simsim's resume record of a conversation it wrote: a line of `<run>/.simsim/results/<serial>.jsonl`,
 * or in runs written before that journal `<run>/.simsim/results/<serial>/<folder>/<i>[_trial<t>].json`.
 */
async function simsimFacts(absPath: string): Promise<RunFacts | undefined> {
  const serialDir = dirname(absPath);
  const folderDir = dirname(serialDir);
  const runDir = dirname(dirname(folderDir));
  const serial = basename(serialDir);
  const folder = basename(folderDir);
  const match = new RegExp(
    `^(\\d+)_${folder.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(_trial\\d+)?_${serial.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.yml$`,
  ).exec(basename(absPath));
  if (!match || basename(dirname(folderDir)) !== 'conversation_outputs') return undefined;
  const journal = await factsOfJournal(join(runDir, '.simsim', 'results', `${serial}.jsonl`));
  const fromJournal = journal?.get(
    factsKey(folder, Number(match[1]), match[2] ? Number(match[2].slice(6)) : undefined),
  );
  if (fromJournal !== undefined) return fromJournal;
  // A later trial's record is `<i>_trial<t>.json`, like its file name.
  const recordPath = join(runDir, '.simsim', 'results', serial, folder, `${match[1]}${match[2] ?? ''}.json`);
  try {
    if ((await stat(recordPath)).size > MAX_CONVERSATION_BYTES) return undefined;
    const record: unknown = JSON.parse(await readFile(recordPath, 'utf8'));
    return isResultRecord(record) ? factsOf(record.result) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads every conversation file of a `--conversations` path (a file or a folder), in sorted
 * order. A file that is not a conversation is skipped with its reason (Sensei stops the whole
 * check on the first one). `facts`: also read simsim's records beside them, for stop_reason() and friends.
 */
export async function loadConversations(
  path: string,
  cwd: string,
  options: { readonly facts?: boolean } = {},
): Promise<LoadedConversations> {
  const files = await findYamlFiles(path, 'conversations path');
  const conversations: Conversation[] = [];
  const skipped: { file: string; problem: string }[] = [];
  for (const absPath of files) {
    const file = relative(cwd, absPath) || absPath;
    let text: string;
    // Small local files: a synchronous read is several times faster than the thread pool's four round trips.
    try {
      const size = statSync(absPath).size;
      if (size > MAX_CONVERSATION_BYTES) {
        skipped.push({ file, problem: `it is larger than ${MAX_CONVERSATION_BYTES / 1024 / 1024} MB` });
        continue;
      }
      text = readFileSync(absPath, 'utf8');
    } catch (error) {
      skipped.push({ file, problem: `it cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})` });
      continue;
    }
    const read = parseConversation(text, file);
    if (!read.ok) {
      skipped.push({ file, problem: read.problem });
      continue;
    }
    const conversation = read.conversation;
    const facts = options.facts === true ? await simsimFacts(absPath) : undefined;
    conversations.push({ ...conversation, facts: facts ?? senseiFacts(conversation.meta, userTurns(conversation)) });
  }
  return { conversations, skipped };
}
