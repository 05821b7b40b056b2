import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Chalk } from 'chalk';
import type { Command } from 'commander';
import { ExitCode, runExitCode } from '../exit-codes.ts';
import { addProjectOption, loadForCommand, projectDirOf, type ProjectOptionFlags } from '../project-options.ts';
import type { CliContext } from '../context.ts';

interface MergeFlags extends ProjectOptionFlags {
  output?: string;
  check?: boolean;
  json?: boolean;
}

const isDir = (path: string) =>
  stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );

export function registerMerge(program: Command, ctx: CliContext, setExit: (code: ExitCode) => void): void {
  const command = program
    .command('merge')
    .description(
      "Merge the output folders of a run's shards (simsim run --shard i/n) into one output folder, as if the run had been played on one machine",
    )
    .argument('<dirs...>', "the shards' output folders")
    .requiredOption('-o, --output <dir>', 'the merged output folder (new or empty)');
  addProjectOption(
    command,
    "the project whose rules/ are checked again over the merged conversations (default: the current folder; its run.yml's LLM settings apply)",
  )
    .option('--no-check', 'do not check the rules again')
    .option('--json', 'print a machine-readable summary on stdout')
    .addHelpText(
      'after',
      '\nExit codes: 0 ok, 1 units missing or played twice (listed), or the merged run fails as "simsim run" would (conversations, rules, --fail-on, --min-pass-rate), 2 shards of different runs or a folder that is not a finished shard, 3 a cost cap was reached.',
    )
    .action(async (dirs: string[], flags: MergeFlags) => {
      const { mergeShards } = await import('../../app/merge/merge-shards.ts');
      const projectDir = projectDirOf(flags, ctx);
      const outcome = await mergeShards({
        dirs: dirs.map((d) => resolve(ctx.cwd, d)),
        outputDir: resolve(ctx.cwd, flags.output ?? ''),
        clock: ctx.now,
        project:
          flags.check === false
            ? undefined
            : async (model) => {
                if (!(await isDir(join(projectDir, 'rules')))) return undefined;
                const runYml = await stat(join(projectDir, 'run.yml')).then(
                  (s) => s.isFile(),
                  () => false,
                );
                return loadForCommand(
                  projectDir,
                  { runFromYaml: runYml, output: resolve(ctx.cwd, flags.output ?? ''), model: model ?? undefined },
                  ctx,
                );
              },
      });
      const { coverage } = outcome;
      const incomplete = coverage.missing.length > 0 || coverage.duplicated.length > 0;
      const exitCode =
        incomplete || outcome.summary === undefined
          ? ExitCode.Findings
          : runExitCode(
              { stopReason: outcome.stopReason, summary: outcome.summary, check: outcome.check },
              outcome.failOn,
            );
      if (flags.json) {
        ctx.stdout.write(
          `${JSON.stringify(
            {
              exitCode,
              written: outcome.written,
              outputDir: outcome.written ? outcome.outputDir : null,
              serial: outcome.serial ?? null,
              seed: outcome.seed,
              stopReason: outcome.stopReason,
              units: coverage.total,
              conversations: outcome.summary?.conversations ?? 0,
              failures: outcome.summary?.failures ?? 0,
              costUsd: outcome.summary?.costUsd ?? null,
              missingShards: coverage.missingShards,
              missing: coverage.missing,
              duplicated: coverage.duplicated,
              check: outcome.check && { rules: outcome.check.rules, failedRules: outcome.check.failedRules },
            },
            null,
            2,
          )}\n`,
        );
      } else {
        const { renderMergeText } = await import('../render/merge-text.ts');
        ctx.stdout.write(renderMergeText(outcome, new Chalk({ level: ctx.color ? 1 : 0 }), ctx.cwd));
      }
      setExit(exitCode);
    });
}
