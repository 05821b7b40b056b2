import { basename, dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../../base/errors.ts';
import { ExitCode } from '../exit-codes.ts';
import type { CliContext } from '../context.ts';
import type { ScaffoldOptions } from '../../app/scaffold.ts';

interface InitFlags {
  path?: string;
  name?: string;
}

/**
 * Where the project goes: `simsim init shop` is `--path . --name shop`, as other tools' `init
 * <folder>` is, and an empty folder is used as it is (`simsim init .`); Sensei's `--path` and
 * `--name` stay, but not together with the folder.
 */
function target(folder: string | undefined, flags: InitFlags, cwd: string): ScaffoldOptions {
  if (folder === undefined) {
    return { parentDir: resolve(cwd, flags.path ?? '.'), ...(flags.name === undefined ? {} : { name: flags.name }) };
  }
  if (flags.path !== undefined || flags.name !== undefined) {
    throw new UsageError(`give the project folder once: ${JSON.stringify(folder)} or --path/--name, not both`, {
      hint: `Run "simsim init ${folder}", or "simsim init --path <parent> --name <folder>".`,
    });
  }
  const full = resolve(cwd, folder);
  return { parentDir: dirname(full), name: basename(full), emptyFolderWelcome: true };
}

export function registerInit(program: Command, ctx: CliContext, setExit: (code: ExitCode) => void): void {
  program
    .command('init')
    .description('Create a Sensei-style project folder with a working example profile')
    .argument('[folder]', 'the project folder to create (the same as --path <its parent> --name <its name>)')
    .option('--path <dir>', 'where to create the project (default: ".")')
    .option('--name <name>', 'project folder name (default Untitled_project_<n>)')
    .action(async (folder: string | undefined, flags: InitFlags) => {
      const { scaffoldProject } = await import('../../app/scaffold.ts');
      const result = await scaffoldProject(target(folder, flags, ctx.cwd));
      const project = JSON.stringify(result.projectDir);
      ctx.stdout.write(`--- Project created at: '${result.projectDir}' ---\n`);
      for (const file of result.created) ctx.stderr.write(`  created ${file}\n`);
      ctx.stdout.write(`Next: simsim validate --project ${project}\n`);
      ctx.stdout.write(
        `      simsim run --run-from-yaml ${project} --model offline   (no API key needed; without --model, the profile's LLM plays the user)\n`,
      );
      setExit(ExitCode.Ok);
    });
}
