import { resolve } from 'node:path';
import type { Command } from 'commander';
import { ExitCode } from '../exit-codes.ts';
import type { CliContext } from '../context.ts';

interface InitFlags {
  path: string;
  name?: string;
}

export function registerInit(program: Command, ctx: CliContext, setExit: (code: ExitCode) => void): void {
  program
    .command('init')
    .description('Create a Sensei-style project folder with a working example profile')
    .option('--path <dir>', 'where to create the project', '.')
    .option('--name <name>', 'project folder name (default Untitled_project_<n>)')
    .action(async (flags: InitFlags) => {
      const { scaffoldProject } = await import('../../app/scaffold.ts');
      const result = await scaffoldProject({ parentDir: resolve(ctx.cwd, flags.path), name: flags.name });
      ctx.stdout.write(`--- Project created at: '${result.projectDir}' ---\n`);
      for (const file of result.created) ctx.stderr.write(`  created ${file}\n`);
      ctx.stdout.write(`Next: simsim validate --project ${JSON.stringify(result.projectDir)}\n`);
      setExit(ExitCode.Ok);
    });
}
