import type { Diagnostic } from '../../base/diagnostics/diagnostic.ts';
import { readCaseFile, toCaseSpecs, type CaseFile, type CaseSpec } from '../../cases/index.ts';
import { DEFAULT_MODEL, parseModelSpec, type ModelSpec } from '../../model/model-spec.ts';
import type { Personality } from '../../model/personalities.ts';
import type { Profile } from '../../model/profile.ts';
import type { CaseSettings } from '../../model/run-settings.ts';
import { caseProfile } from './case-profile.ts';

/** A test-case file read, and each of its usable rows as a profile. */
export interface LoadedCases {
  readonly file: CaseFile;
  /** The neutral spec of every usable row, for `plan --cases`. */
  readonly specs: readonly CaseSpec[];
  /** One profile per spec, in file order. */
  readonly profiles: readonly Profile[];
  readonly diagnostics: readonly Diagnostic[];
}

export interface LoadCasesContext {
  readonly projectDir: string;
  /** The file as shown to the user (relative to the working folder). */
  readonly shown: string;
  /** `--model`; the profiles' default (gpt-4o) otherwise. */
  readonly model: ModelSpec | undefined;
  readonly personality?: Personality | undefined;
}

/**
 * Reads the test cases of a run (`--cases`, run.yml's `cases:`) with their diagnostics, and maps
 * every row without an error onto a profile with `caseProfile`.
 */
export async function loadCases(settings: CaseSettings, context: LoadCasesContext): Promise<LoadedCases> {
  const file = await readCaseFile(settings.absPath, context.shown, {
    style: settings.style,
    turns: settings.turns,
    stopPhrases: settings.stopPhrases,
  });
  const specs = toCaseSpecs(file);
  const model = context.model ?? parseModelSpec(DEFAULT_MODEL);
  const profiles = specs.map((spec) =>
    caseProfile(spec, {
      absPath: settings.absPath,
      projectDir: context.projectDir,
      model,
      personality: context.personality,
    }),
  );
  return { file, specs, profiles, diagnostics: file.diagnostics };
}
