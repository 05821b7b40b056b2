import { relative } from 'node:path';
import { readYamlFile, type SourceFile } from '../yaml/source-file.ts';

/** The files one command reads, each read once however many parts of the command look at it. */
export interface SourceReader {
  read(absPath: string, display?: string): Promise<SourceFile>;
  /** A path as the user is shown it: relative to the working folder when that is shorter. */
  display(absPath: string): string;
}

export function createSourceReader(cwd: string): SourceReader {
  const cache = new Map<string, Promise<SourceFile>>();
  const display = (absPath: string) => relative(cwd, absPath) || absPath;
  return {
    display,
    read(absPath, shown) {
      let pending = cache.get(absPath);
      if (pending === undefined) {
        pending = readYamlFile(absPath, shown ?? display(absPath));
        cache.set(absPath, pending);
      }
      return pending;
    },
  };
}
