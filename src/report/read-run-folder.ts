import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';
import { UsageError } from '../base/errors.ts';
import { conversationsJsonlPath, runManifestPath } from '../output/run-layout.ts';
import type { RunFolderContents } from './build-report-data.ts';
import { asRecord, asString } from './json-shape.ts';

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

async function readJsonl(path: string): Promise<unknown[]> {
  const size = await sizeOf(path);
  if (size === undefined) return [];
  if (size > MAX_FILE_BYTES) throw tooBig(path);
  const lines: unknown[] = [];
  const reader = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let number = 0;
  for await (const line of reader) {
    number++;
    if (line.trim() === '') continue;
    try {
      lines.push(JSON.parse(line));
    } catch (error) {
      throw new UsageError(`${path}:${number}:1  not a JSON line (${(error as Error).message})`, {
        hint: 'The file was cut or edited; rerun with --resume to write it again.',
      });
    }
  }
  return lines;
}

/** Reads what the report needs from a run's output folder: run.json, conversations.jsonl, the check CSV. */
export async function readRunFolder(runDir: string): Promise<RunFolderContents> {
  const manifestPath = runManifestPath(runDir);
  const size = await sizeOf(manifestPath);
  if (size === undefined) {
    throw new UsageError(`${runDir} has no run.json: it is not the output folder of a finished simsim run`, {
      hint: 'Pass the --output folder of a run (default: output). An interrupted or killed run gets its run.json from "simsim run --resume <folder>".',
    });
  }
  if (size > MAX_FILE_BYTES) throw tooBig(manifestPath);
  let manifest: unknown;
  try {
    manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
  } catch (error) {
    throw new UsageError(`${manifestPath}: not valid JSON (${(error as Error).message})`, {
      hint: 'The file was cut or edited; rerun with --resume to write it again.',
    });
  }
  if (asString(asRecord(manifest)['format']).split('/')[0] !== 'simsim-run') {
    throw new UsageError(`${manifestPath} is not a simsim run manifest (no "format": "simsim-run/...")`, {
      hint: 'Pass the --output folder of a simsim run.',
    });
  }
  const lines = await readJsonl(conversationsJsonlPath(runDir));
  const serial = asString(asRecord(manifest)['serial']);
  const csvPath = checkReportPath(runDir, serial);
  const csvSize = serial === '' ? undefined : await sizeOf(csvPath);
  if (csvSize !== undefined && csvSize > MAX_FILE_BYTES) throw tooBig(csvPath);
  const checkCsv = csvSize === undefined ? undefined : await readFile(csvPath, 'utf8');
  return { label: basename(runDir), manifest, lines, checkCsv };
}
