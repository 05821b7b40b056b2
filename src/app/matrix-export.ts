import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '../base/atomic-write.ts';
import { chainCombination } from '../variables/forward-chains.ts';
import { PlanError } from '../variables/plan-error.ts';
import { conversationLimitHint, countText, DEFAULT_MAX_CONVERSATIONS } from '../variables/plan-limits.ts';
import { valueText, type VarValue } from '../model/value-text.ts';
import { buildVariableModel, type VariableModel } from '../variables/variable-model.ts';
import { createRng } from '../base/random/rng.ts';
import type { Profile } from '../model/profile.ts';
import { profileStreamLabel } from '../variables/plan-profile.ts';

/** One combination matrix as Sensei's validation_check exports it. */
export interface CombinationMatrix {
  readonly kind: 'forward' | 'pairwise';
  readonly names: readonly string[];
  readonly rows: readonly (readonly VarValue[])[];
}

/**
 * Forward chains (every combination, first variable slowest) and the pairwise group, in plan
 * order. A chain with more combinations than `maxRows` is refused rather than written out.
 */
export function combinationMatrices(model: VariableModel, maxRows = DEFAULT_MAX_CONVERSATIONS): CombinationMatrix[] {
  const out: CombinationMatrix[] = model.forwards.chains.map((chain) => {
    if (chain.size > maxRows) {
      throw new PlanError(
        `the forward() chain ${chain.names.join(' × ')} has ${countText(chain.size)} combinations, more than the limit of ${countText(maxRows)}`,
        { hint: conversationLimitHint(maxRows) },
      );
    }
    return {
      kind: 'forward',
      names: chain.names,
      rows: Array.from({ length: chain.size }, (_, i) => chainCombination(chain, i)),
    };
  });
  if (model.pairwise) out.push({ kind: 'pairwise', names: model.pairwise.names, rows: model.pairwise.rows });
  return out;
}

/** pandas `to_csv(index=False)`: comma-separated, quoted only when needed. */
function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\n') + '\n';
}

/** pandas `concat(axis=1)`: matrices side by side, shorter ones padded with empty cells. */
export function combinedMatrix(matrices: readonly CombinationMatrix[]): { header: string[]; rows: string[][] } {
  const height = Math.max(0, ...matrices.map((m) => m.rows.length));
  const header = matrices.flatMap((m) => [...m.names]);
  const rows = Array.from({ length: height }, (_, r) =>
    matrices.flatMap((m) => m.names.map((_, c) => (r < m.rows.length ? valueText(m.rows[r]?.[c]) : ''))),
  );
  return { header, rows };
}

/** Sensei's file names: `<var1>_<var2>_..._<forward|pairwise>_<count>_<ts>.csv`, `full_matrix_<count>_<ts>.csv`. */
export async function writeMatrixFiles(
  dir: string,
  matrices: readonly CombinationMatrix[],
  stamp: number,
  combined: boolean,
): Promise<string[]> {
  if (matrices.length === 0) return [];
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const m of matrices) {
    const path = join(dir, `${m.names.join('_')}_${m.kind}_${m.rows.length}_${stamp}.csv`);
    await writeFileAtomic(
      path,
      toCsv(
        m.names,
        m.rows.map((row) => row.map(valueText)),
      ),
    );
    written.push(path);
  }
  if (combined) {
    const full = combinedMatrix(matrices);
    const path = join(dir, `full_matrix_${full.rows.length}_${stamp}.csv`);
    await writeFileAtomic(path, toCsv(full.header, full.rows));
    written.push(path);
  }
  return written;
}

export interface MatrixExportResult {
  readonly written: readonly string[];
  /** Profiles whose values could not be computed (their data sources failed). */
  readonly skipped: readonly string[];
}

/**
 * Writes the combination matrices of every valid profile into `<runDir>/combination_matrices/`
 * (one subfolder per test_name when several profiles have matrices). Profiles with validation
 * errors are left out: their errors are in the errors file.
 */
export async function exportCombinationMatrices(options: {
  runDir: string;
  stamp: number;
  combined: boolean;
  projectDir: string;
  profiles: readonly Profile[];
  maxConversations: number;
}): Promise<MatrixExportResult> {
  const { maxConversations } = options;
  const found: { testName: string; matrices: CombinationMatrix[] }[] = [];
  const skipped: string[] = [];
  for (const profile of options.profiles) {
    // No run seed involved: seed 0, as Sensei's export has no seed either.
    const built = await buildVariableModel(profile, createRng(0).fork(profileStreamLabel(profile.testName)), {
      projectDir: options.projectDir,
      profileDir: dirname(profile.absPath),
      now: () => new Date(),
      maxConversations,
    });
    if (built.model === undefined) {
      skipped.push(...built.diagnostics.map((d) => `${profile.displayPath}: ${d.message}`));
      continue;
    }
    try {
      const matrices = combinationMatrices(built.model, maxConversations);
      if (matrices.length > 0) found.push({ testName: profile.testName, matrices });
    } catch (error) {
      if (!(error instanceof PlanError)) throw error;
      skipped.push(`${profile.displayPath}: ${error.message}`);
    }
  }
  const base = join(options.runDir, 'combination_matrices');
  const written: string[] = [];
  for (const { testName, matrices } of found) {
    const dir = found.length > 1 ? join(base, testName.replace(/[^\p{L}\p{N}_.-]+/gu, '_')) : base;
    written.push(...(await writeMatrixFiles(dir, matrices, options.stamp, options.combined)));
  }
  return { written, skipped };
}
