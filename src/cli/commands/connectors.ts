import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { ExitCode } from '../exit-codes.ts';
import type { CliContext } from '../context.ts';

interface ConnectorsFlags {
  project?: string;
  projectPath?: string;
  json?: boolean;
}

export function registerConnectors(program: Command, ctx: CliContext, setExit: (code: ExitCode) => void): void {
  program
    .command('connectors')
    .description("List the technologies (built-in connectors and the project's connectors/) with their parameters")
    .option('--project <dir>', "also list this project's connectors/ files (also --project-path)")
    .addOption(new Option('--project-path <dir>', 'same as --project (Sensei spelling)').hideHelp())
    .option('--json', 'print JSON')
    .action(async (flags: ConnectorsFlags) => {
      const { listTechnologies, DEFAULT_TECHNOLOGY } = await import('../../connector/index.ts');
      const technologies = await listTechnologies(resolve(ctx.cwd, flags.projectPath ?? flags.project ?? '.'));
      if (flags.json) {
        ctx.stdout.write(
          `${JSON.stringify(
            technologies.map((t) => ({ ...t, default: t.name === DEFAULT_TECHNOLOGY })),
            null,
            2,
          )}\n`,
        );
      } else {
        for (const t of technologies) {
          const mark = t.name === DEFAULT_TECHNOLOGY ? ' (default)' : '';
          ctx.stdout.write(`${t.name}${mark}${t.origin === 'project' ? ' [project]' : ''}\n  ${t.description}\n`);
          for (const p of t.parameters) {
            const extra = [
              p.required && p.default === undefined
                ? 'required'
                : p.default === undefined || p.default === null
                  ? 'optional'
                  : `default ${JSON.stringify(p.default)}`,
              p.env === undefined ? '' : `env ${p.env}`,
              p.secret ? 'secret' : '',
            ]
              .filter(Boolean)
              .join(', ');
            ctx.stdout.write(`    ${p.name} (${extra})${p.description ? `: ${p.description}` : ''}\n`);
          }
        }
        ctx.stdout.write('\nUse one with --technology NAME --connector-parameters k=v,k2=v2, or --connector FILE.\n');
      }
      setExit(ExitCode.Ok);
    });
}
