import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';
import { UsageError } from '../base/errors.ts';
import { conversationsJsonlPath, runManifestPath } from '../output/run-layout.ts';
import { reportSources, type RunFolderContents } from './build-report-data.ts';
import { JsonStreamError, objectPieces } from './json-object-stream.ts';
import { asRecord, asString, type JsonRecord } from './json-shape.ts';

/** Our own files, but still bounded: a folder given by mistake may hold anything. */
const MAX_FILE_BYTES = 1024 * 1024 * 1024;

export function checkReportPath(runDir: string, serial: string): string {
  return join(runDir, 'reports', '__check_reports__', `check_${serial}.csv`);
}

async function sizeOf(path: string): Promise<number | undefined> {
  return stat(path).then(
    (s) => (s.isFile() ? s.size : undefined),
    () => undefined,
  );
}

function tooBig(path: string): UsageError {
  return new UsageError(`${path} is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`, {
    hint: 'Is this the output folder of a simsim run?',
  });
}

/** The lines of a JSONL file, parsed one by one; none when the file is missing. */
async function* jsonlRecords(path: string): AsyncGenerator<unknown> {
  const size = await sizeOf(path);
  if (size === undefined) return;
  if (size > MAX_FILE_BYTES) throw tooBig(path);
  const reader = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let number = 0;
  for await (const line of reader) {
    number++;
    if (line.trim() === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch (error) {
      throw new UsageError(`${path}:${number}:1  not a JSON line (${(error as Error).message})`, {
        hint: 'The file was cut or edited; rerun with --resume to write it again.',
      });
    }
    yield parsed;
  }
}

async function readJsonl(path: string): Promise<unknown[]> {
  const lines: unknown[] = [];
  for await (const line of jsonlRecords(path)) lines.push(line);
  return lines;
}

function notJson(path: string, error: unknown): UsageError {
  return new UsageError(`${path}: not valid JSON (${(error as Error).message})`, {
    hint: 'The file was cut or edited; rerun with --resume to write it again.',
  });
}

/** run.json's path, once it is known to be there and not too large. */
async function manifestFile(runDir: string): Promise<string> {
  const manifestPath = runManifestPath(runDir);
  const size = await sizeOf(manifestPath);
  if (size === undefined) {
    throw new UsageError(`${runDir} has no run.json: it is not the output folder of a finished simsim run`, {
      hint: 'Pass the --output folder of a run (default: output). An interrupted or killed run gets its run.json from "simsim run --resume <folder>".',
    });
  }
  if (size > MAX_FILE_BYTES) throw tooBig(manifestPath);
  return manifestPath;
}

function checkFormat(manifestPath: string, manifest: unknown): void {
  if (asString(asRecord(manifest)['format']).split('/')[0] !== 'simsim-run') {
    throw new UsageError(`${manifestPath} is not a simsim run manifest (no "format": "simsim-run/...")`, {
      hint: 'Pass the --output folder of a simsim run.',
    });
  }
}

export async function readCheckCsv(runDir: string, manifest: unknown): Promise<string | undefined> {
  const serial = asString(asRecord(manifest)['serial']);
  const csvPath = checkReportPath(runDir, serial);
  const csvSize = serial === '' ? undefined : await sizeOf(csvPath);
  if (csvSize !== undefined && csvSize > MAX_FILE_BYTES) throw tooBig(csvPath);
  return csvSize === undefined ? undefined : readFile(csvPath, 'utf8');
}

/** Reads what the report needs from a run's output folder: run.json, conversations.jsonl, the check CSV. */
export async function readRunFolder(runDir: string): Promise<RunFolderContents> {
  const manifestPath = await manifestFile(runDir);
  let manifest: unknown;
  try {
    manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
  } catch (error) {
    throw notJson(manifestPath, error);
  }
  checkFormat(manifestPath, manifest);
  const lines = await readJsonl(conversationsJsonlPath(runDir));
  const checkCsv = await readCheckCsv(runDir, manifest);
  return { label: basename(runDir), manifest, lines, checkCsv };
}

/** A run folder read as a stream: what readRunFolder gives, with the conversations read one at a time. */
export interface RunFolderStream {
  readonly label: string;
  /** run.json without the entries of its `conversations` array. */
  readonly manifest: JsonRecord;
  /** The first JSONL line's serial, for a run.json without one. */
  readonly firstLineSerial: string;
  readonly checkCsv: string | undefined;
  /** The conversations in report order (see reportSources), each read when its turn comes. */
  sources(): AsyncGenerator<{ readonly entry: JsonRecord; readonly line: JsonRecord }>;
}

const CONVERSATIONS = 'conversations';

/**
 * Opens a run folder for the report without reading it whole: run.json is read once for all but
 * its conversations, which `sources` then reads one by one beside their conversations.jsonl
 * lines. A run.json that is not a JSON object at all is read as readRunFolder reads it.
 */
export async function openRunFolder(runDir: string): Promise<RunFolderStream> {
  const manifestPath = await manifestFile(runDir);
  const jsonlPath = conversationsJsonlPath(runDir);
  const head: Record<string, unknown> = {};
  let entries = 0;
  try {
    for await (const piece of objectPieces(textOf(manifestPath), CONVERSATIONS, false)) {
      if (piece.kind === 'field') head[piece.key] = piece.value;
      else if (piece.kind === 'array') {
        head[piece.key] = [];
        entries = piece.length;
      }
    }
  } catch (error) {
    if (!(error instanceof JsonStreamError && error.notObject)) throw notJson(manifestPath, error);
    const contents = await readRunFolder(runDir);
    const all = reportSources(asRecord(contents.manifest), contents.lines);
    return {
      label: contents.label,
      manifest: asRecord(contents.manifest),
      firstLineSerial: asString(asRecord(contents.lines[0])['serial']),
      checkCsv: contents.checkCsv,
      sources: () => fromList(all),
    };
  }
  checkFormat(manifestPath, head);
  let firstLineSerial = '';
  for await (const line of jsonlRecords(jsonlPath)) {
    firstLineSerial = asString(asRecord(line)['serial']);
    break;
  }
  return {
    label: basename(runDir),
    manifest: head,
    firstLineSerial,
    checkCsv: await readCheckCsv(runDir, head),
    sources:
      entries > 0
        ? () => joinedSources(manifestPath, jsonlPath)
        : async function* () {
            yield* reportSources(head, await readJsonl(jsonlPath));
          },
  };
}

// eslint-disable-next-line @typescript-eslint/require-await -- the interface is async; this source is in memory.
async function* fromList<T>(items: readonly T[]): AsyncGenerator<T> {
  yield* items;
}

function textOf(path: string): AsyncIterable<string> {
  return createReadStream(path, { encoding: 'utf8', highWaterMark: 256 * 1024 }) as AsyncIterable<string>;
}

/**
 * run.json's entries, each with the JSONL line of its id (ids are unique in what simsim writes).
 * Both files list the conversations in the same order when simsim wrote them, so the lines are
 * read just ahead of the entries; lines read ahead wait by id until their entry comes. Every line
 * is read, so a damaged one is reported wherever it is.
 */
async function* joinedSources(
  manifestPath: string,
  jsonlPath: string,
): AsyncGenerator<{ readonly entry: JsonRecord; readonly line: JsonRecord }> {
  const lines = jsonlRecords(jsonlPath);
  const ahead = new Map<string, JsonRecord>();
  let linesDone = false;
  const lineFor = async (id: string): Promise<JsonRecord> => {
    while (!ahead.has(id) && !linesDone) {
      const next = await lines.next();
      if (next.done === true) linesDone = true;
      else {
        const line = asRecord(next.value);
        const lineId = asString(line['id']);
        if (lineId !== '') ahead.set(lineId, line);
      }
    }
    const line = ahead.get(id) ?? {};
    ahead.delete(id);
    return line;
  };
  try {
    for await (const piece of objectPieces(textOf(manifestPath), CONVERSATIONS, true)) {
      if (piece.kind !== 'element') continue;
      const entry = asRecord(piece.value);
      yield { entry, line: await lineFor(asString(entry['id'])) };
    }
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw notJson(manifestPath, error);
  }
  while (!linesDone) if ((await lines.next()).done === true) linesDone = true;
}
