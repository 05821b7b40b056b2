import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { InvalidProjectError } from '../base/errors.ts';
import { loadProject } from '../load/load-project.ts';
import type { Project } from '../load/project.ts';
import type { ProjectFlags } from '../load/run-settings.ts';
import type { CliContext } from './context.ts';

/** The project and profile flags every command takes, in both spellings (Sensei's and ours). */
export interface ProjectOptionFlags {
  project?: string;
  projectPath?: string;
  profile?: string[];
  userProfile?: string[];
}

/** `--project` and `--project-path` (also `-pp`): the same flag, relative to the current folder. */
export function addProjectOption(
  command: Command,
  description = 'project folder, relative to the current folder (also --project-path, -pp)',
): Command {
  return command
    .option('--project <dir>', description)
    .addOption(new Option('--project-path <dir>', 'same as --project (Sensei spelling)').hideHelp());
}

/** `--profile` and `--user-profile` (also `-up`): files or folders, relative to the current folder (or to profiles/). */
export function addProfileOption(command: Command, description: string): Command {
  return command
    .option('--profile <paths...>', description)
    .addOption(new Option('--user-profile <paths...>', 'same as --profile (Sensei spelling)').hideHelp());
}

export function projectDirOf(flags: ProjectOptionFlags, ctx: CliContext): string {
  return resolve(ctx.cwd, flags.projectPath ?? flags.project ?? '.');
}

export function profilesOf(flags: ProjectOptionFlags): string[] | undefined {
  const all = [...(flags.profile ?? []), ...(flags.userProfile ?? [])];
  return all.length === 0 ? undefined : all;
}

/**
 * Loads the project for a command that acts on it (plan, run, chat): what `validate` rejects
 * stops it, with the same diagnostics (exit 2).
 */
export async function loadForCommand(projectDir: string, flags: ProjectFlags, ctx: CliContext): Promise<Project> {
  const loaded = await loadProject(projectDir, flags, { cwd: ctx.cwd, env: ctx.env });
  if (loaded.project === undefined) throw new InvalidProjectError(loaded.diagnostics);
  return loaded.project;
}
