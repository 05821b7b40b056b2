import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-write.ts';
import { runStartPath, runStartsDir } from './run-layout.ts';

/** What a resumed run must reuse: its serial (file names) and seed (the plan). */
export interface RunStart {
  readonly serial: string;
  readonly seed: number;
  readonly startedAt: string;
}

export async function writeRunStart(runDir: string, start: RunStart): Promise<void> {
  await writeFileAtomic(runStartPath(runDir, start.serial), `${JSON.stringify(start, null, 2)}\n`);
}

/** The latest run started in an output folder, or undefined when none was. */
export async function latestRunStart(runDir: string): Promise<RunStart | undefined> {
  const names = await readdir(runStartsDir(runDir)).catch(() => [] as string[]);
  for (const name of names.filter((n) => n.endsWith('.json')).sort().reverse()) {
    try {
      const parsed = JSON.parse(await readFile(join(runStartsDir(runDir), name), 'utf8')) as Partial<RunStart>;
      if (typeof parsed.serial === 'string' && typeof parsed.seed === 'number' && typeof parsed.startedAt === 'string') return parsed as RunStart;
    } catch {
      // a damaged start record: try an older run
    }
  }
  return undefined;
}
