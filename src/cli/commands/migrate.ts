import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { Chalk } from 'chalk';
import type { Command } from 'commander';
import { ExitCode } from '../exit-codes.ts';
import { plural } from '../../base/text/plural.ts';
import { YAML_LIMITS } from '../../yaml/yaml-limits.ts';
import type { CliContext } from '../context.ts';
import { renderDiagnosticText } from '../render/text.ts';

interface MigrateFlags {
  write?: boolean;
  json?: boolean;
}

export function registerMigrate(program: Command, ctx: CliContext, setExit: (code: ExitCode) => void): void {
  program
    .command('migrate')
    .description(
      'Rewrite 2024-format Sensei profiles (ask_about, conversations: as a list, top-level role/context/language/fallback/isstarter/output/temperature) in the current format, keeping comments and key order; prints a diff unless --write',
    )
    .argument('<path>', 'a profile file, or a folder searched for profiles')
    .option('--write', 'rewrite the files (each one atomically) instead of printing the diff')
    .option('--json', 'print the report as JSON on stdout')
    .addHelpText(
      'after',
      '\nExit codes: 0 done (or nothing to migrate), 1 a profile could not be migrated, 2 usage error.',
    )
    .action(async (path: string, flags: MigrateFlags) => {
      const { migratePath } = await import('../../migrate/migrate-files.ts');
      const write = flags.write === true;
      const files = await migratePath({ path, cwd: ctx.cwd, write });
      const count = (status: string) => files.filter((f) => f.result.status === status).length;
      const migrated = count('migrated');
      const failed = count('failed');
      const current = count('current');
      const others = count('not-profile');

      if (flags.json) {
        const report = files.map(({ file, result, diff, written }) => ({
          file,
          status: result.status,
          changes: result.status === 'migrated' ? result.changes : [],
          diff: diff ?? null,
          written,
          diagnostics: result.status === 'failed' ? result.diagnostics : [],
        }));
        ctx.stdout.write(
          `${JSON.stringify({ write, summary: { migrated, failed, current, notProfiles: others }, files: report }, null, 2)}\n`,
        );
        setExit(failed > 0 ? ExitCode.Findings : ExitCode.Ok);
        return;
      }

      const chalk = new Chalk({ level: ctx.color ? 1 : 0 });
      const readSource = (file: string) => {
        try {
          if (statSync(resolve(ctx.cwd, file)).size > YAML_LIMITS.bytes) return undefined;
          return readFileSync(resolve(ctx.cwd, file), 'utf8');
        } catch {
          return undefined;
        }
      };
      const single = files.length === 1;
      for (const { file, result, diff } of files) {
        if (result.status === 'migrated') {
          if (!write && diff !== undefined) ctx.stdout.write(diff);
          ctx.stderr.write(
            `${chalk.green('✔')} ${file}: ${write ? 'migrated' : 'in the 2024 format'} (${plural(result.changes.length, 'change')})\n`,
          );
          for (const change of result.changes) ctx.stderr.write(`    ${change}\n`);
        } else if (result.status === 'failed') {
          for (const d of result.diagnostics) ctx.stderr.write(renderDiagnosticText(d, chalk, readSource));
        } else if (single) {
          ctx.stderr.write(
            result.status === 'current'
              ? `${file} is already in the current format; nothing to do\n`
              : `${file} is not a user profile (it has no test_name); nothing to do\n`,
          );
        }
      }
      const parts = [
        `${plural(migrated, 'profile')} ${write ? 'migrated' : 'to migrate'}`,
        ...(failed > 0 ? [`${failed} that cannot be migrated automatically`] : []),
        ...(current > 0 ? [`${current} already current`] : []),
        ...(others > 0 ? [`${plural(others, 'other YAML file')} passed over`] : []),
      ];
      ctx.stderr.write(`${parts.join(', ')}\n`);
      if (migrated > 0)
        ctx.stderr.write(
          write
            ? 'Run "simsim validate" to check the migrated profiles.\n'
            : 'Run again with --write to rewrite them.\n',
        );
      setExit(failed > 0 ? ExitCode.Findings : ExitCode.Ok);
    });
}
