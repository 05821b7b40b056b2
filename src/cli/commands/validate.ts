import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Chalk } from 'chalk';
import { Option, type Command } from 'commander';
import {
  addProfileOption,
  addProjectOption,
  profilesOf,
  projectDirOf,
  type ProjectOptionFlags,
} from '../project-options.ts';
import { countBySeverity } from '../../base/diagnostics/diagnostic.ts';
import { ExitCode } from '../exit-codes.ts';
import { YAML_LIMITS } from '../../yaml/yaml-limits.ts';
import type { CliContext } from '../context.ts';
import { renderGithubAnnotation } from '../render/github.ts';
import { renderDiagnosticText } from '../render/text.ts';
import { plural } from '../../base/text/plural.ts';
import { addCaseOptions, caseFlagsOf, type CaseOptionFlags } from '../case-options.ts';

interface ValidateFlags extends ProjectOptionFlags, CaseOptionFlags {
  target?: string;
  fix?: boolean;
  format: 'text' | 'json' | 'github';
  json?: boolean;
  export?: string;
  combinedMatrix?: boolean;
  verbose?: boolean;
  expandAny?: boolean;
}

export function registerValidate(program: Command, ctx: CliContext, setExit: (code: ExitCode) => void): void {
  const command = program
    .command('validate')
    .description("Check a project's profiles, run.yml, personalities, types, rules and connectors (no LLM calls)");
  addProjectOption(command);
  addProfileOption(
    command,
    "validate only these profiles (files or folders); the project's other files are still checked",
  );
  addCaseOptions(command, 'check these');
  command
    .option('--target <function>', 'check a function target: ./agent.mjs#reply or ./agent.py:reply')
    .option(
      '--fix',
      "apply simsim migrate's safe rewrites to the profiles in the 2024 format (each file atomically), then validate",
    )
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'github']).default('text'))
    .option('--json', 'same as --format json')
    .option('--export <dir>', "also write Sensei's errors file to <dir>/run_<ts>/errors_<ts>.json")
    .option(
      '--combined-matrix',
      'with --export, also write all combination matrices side by side (full_matrix_<n>_<ts>.csv)',
    )
    .option('-v, --verbose', 'list every file checked')
    .option(
      '--expand-any',
      'generate the any() values of valid profiles with their LLM now (the only LLM calls validate makes); cached in .simsim/cache/any/',
    )
    .addHelpText('after', '\nExit codes: 0 no errors (warnings allowed), 1 errors found, 2 usage error.')
    .action(async (flags: ValidateFlags) => {
      const { loadProject } = await import('../../load/load-project.ts');
      const format = flags.json ? 'json' : flags.format;
      const projectDir = projectDirOf(flags, ctx);
      const fixed = flags.fix ? await fixProfiles(projectDir, flags, ctx) : [];
      const loaded = await loadProject(
        projectDir,
        { profiles: profilesOf(flags), target: flags.target, ...caseFlagsOf(flags) },
        { cwd: ctx.cwd, env: ctx.env },
      );
      const result = { projectDir, files: loaded.files, diagnostics: loaded.diagnostics };
      const { errors, warnings } = countBySeverity(result.diagnostics);
      const chalk = new Chalk({ level: ctx.color ? 1 : 0 });

      if (flags.export !== undefined) {
        const now = ctx.now();
        const { writeSenseiErrorExport } = await import('../../output/sensei-export.ts');
        const path = await writeSenseiErrorExport(resolve(ctx.cwd, flags.export), result.diagnostics, now);
        ctx.stderr.write(`Sensei error export written to ${path}\n`);
        const { exportCombinationMatrices } = await import('../../app/matrix-export.ts');
        const matrices = await exportCombinationMatrices({
          runDir: dirname(path),
          stamp: Math.floor(now.getTime() / 1000),
          combined: flags.combinedMatrix === true,
          projectDir,
          profiles: loaded.validProfiles,
          maxConversations: loaded.settings.limits.maxConversations,
        });
        for (const file of matrices.written) ctx.stderr.write(`combination matrix written to ${file}\n`);
        for (const note of matrices.skipped) ctx.stderr.write(`no combination matrix for ${note}\n`);
      } else if (flags.combinedMatrix) {
        ctx.stderr.write('--combined-matrix needs --export <dir>; no matrix written\n');
      }

      if (format === 'json') {
        const summary = { files: result.files.length, errors, warnings };
        ctx.stdout.write(
          `${JSON.stringify({ ok: errors === 0, projectDir: result.projectDir, summary, files: result.files, diagnostics: result.diagnostics, ...(flags.fix ? { fixed } : {}) }, null, 2)}\n`,
        );
      } else if (format === 'github') {
        for (const d of result.diagnostics) ctx.stdout.write(renderGithubAnnotation(d));
      } else {
        const readSource = (file: string) => {
          try {
            // No code frame from a file too big to read (its diagnostic says so).
            if (statSync(resolve(ctx.cwd, file)).size > YAML_LIMITS.bytes) return undefined;
            return readFileSync(resolve(ctx.cwd, file), 'utf8');
          } catch {
            return undefined;
          }
        };
        if (flags.verbose) {
          for (const file of result.files) {
            const status = file.errors > 0 ? chalk.red('✖') : file.warnings > 0 ? chalk.yellow('!') : chalk.green('✔');
            ctx.stderr.write(`${status} ${file.kind.padEnd(11)} ${file.path}\n`);
          }
        }
        for (const d of result.diagnostics) ctx.stderr.write(`${renderDiagnosticText(d, chalk, readSource)}\n`);
      }
      if (format !== 'json') {
        const filesWithErrors = result.files.filter((f) => f.errors > 0).length;
        const line =
          errors > 0
            ? `✖ ${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${filesWithErrors} of ${plural(result.files.length, 'file')}`
            : `✔ ${plural(result.files.length, 'file')} valid${warnings > 0 ? ` (${plural(warnings, 'warning')})` : ''}`;
        ctx.stdout.write(`${line}\n`);
      }
      if (flags.expandAny && loaded.project !== undefined) {
        const { expandAnyValues } = await import('../../app/expand-any.ts');
        const expanded = await expandAnyValues(loaded.project, { clock: ctx.now });
        ctx.stderr.write(
          expanded.profiles === 0
            ? 'any(): nothing to expand, no profile uses any() (profiles with an offline model are skipped)\n'
            : `any(): ${plural(expanded.profiles, 'profile')} planned with generated values; LLM spend $${expanded.usd.toFixed(4)}\n`,
        );
      }
      setExit(errors > 0 ? ExitCode.Findings : ExitCode.Ok);
    });
}

/** What `--fix` did to one profile. */
interface FixedProfile {
  readonly file: string;
  readonly changes: readonly string[];
}

/**
 * `validate --fix`: the profiles validate would check, rewritten by migrate where they are in
 * the 2024 format (atomically, each one read back to mean what it meant). Says on stderr what
 * changed; what migrate cannot rewrite safely is left for validate to report.
 */
async function fixProfiles(projectDir: string, flags: ValidateFlags, ctx: CliContext): Promise<FixedProfile[]> {
  const { selectProfiles } = await import('../../load/select-profiles.ts');
  const { migratePath } = await import('../../migrate/migrate-files.ts');
  const files = await selectProfiles(projectDir, { commandLine: profilesOf(flags), cwd: ctx.cwd }).catch(
    () => [] as string[],
  );
  const fixed: FixedProfile[] = [];
  for (const absPath of files) {
    for (const { file, result } of await migratePath({ path: absPath, cwd: ctx.cwd, write: true })) {
      if (result.status === 'migrated') {
        fixed.push({ file, changes: result.changes });
        ctx.stderr.write(`fixed ${file} (${plural(result.changes.length, 'change')})\n`);
        for (const change of result.changes) ctx.stderr.write(`    ${change}\n`);
      } else if (result.status === 'failed') {
        ctx.stderr.write(`not fixed ${file}: ${result.diagnostics.map((d) => d.message).join('; ')}\n`);
      }
    }
  }
  if (fixed.length === 0) ctx.stderr.write('--fix: nothing to rewrite\n');
  return fixed;
}
