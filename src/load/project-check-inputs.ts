import { join } from 'node:path';
import { asRecord } from '../base/access.ts';
import { PROJECT_FOLDERS } from '../base/layout.ts';
import type { YamlMap } from '../model/span.ts';
import { findRunFile } from './load-project.ts';
import { runYmlOutputDir } from './run-settings.ts';
import { createSourceReader } from './source-reader.ts';

export interface CheckInputPaths {
  readonly rules?: string | undefined;
  readonly conversations?: string | undefined;
}

/**
 * What `simsim check --project DIR` reads when `--rules` or `--conversations` is not given: the
 * project's rules/ folder, and the folder its runs write to (run.yml's `extract:`, else output/),
 * so that a project checks the way it runs.
 */
export async function projectCheckInputs(
  projectDir: string,
  given: CheckInputPaths,
  cwd: string,
): Promise<{ rules: string; conversations: string }> {
  let conversations = given.conversations;
  if (conversations === undefined) {
    const runPath = await findRunFile(projectDir, undefined);
    const runYml =
      runPath === undefined
        ? undefined
        : (asRecord((await createSourceReader(cwd).read(runPath)).value) as YamlMap | undefined);
    conversations = runYmlOutputDir(runYml ?? {}, projectDir);
  }
  return { rules: given.rules ?? join(projectDir, PROJECT_FOLDERS.rules), conversations };
}
