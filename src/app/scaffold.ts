import { copyFile, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { UsageError } from '../base/errors.ts';
import { PACKAGE_ROOT, SCHEMAS_DIR } from '../base/package-paths.ts';
import { PLACEHOLDER_FILE, PROJECT_FOLDERS, SIMSIM_DIR } from '../base/layout.ts';

const TEMPLATES = join(PACKAGE_ROOT, 'templates', 'init');

export interface ScaffoldOptions {
  readonly parentDir: string;
  readonly name?: string | undefined;
  /** The folder `name` may already exist when it is empty (`simsim init .` in a new folder). */
  readonly emptyFolderWelcome?: boolean;
}

export interface ScaffoldResult {
  readonly projectDir: string;
  /** Paths created, relative to the project folder. */
  readonly created: readonly string[];
}

async function taken(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

async function isEmptyFolder(path: string): Promise<boolean> {
  return readdir(path).then(
    (entries) => entries.length === 0,
    () => false,
  );
}

/** Sensei's naming: Untitled_project_<i>, and `_1`, `_2`, ... when the folder exists. */
async function uniqueProjectDir(
  parentDir: string,
  name: string | undefined,
  emptyFolderWelcome: boolean,
): Promise<string> {
  if (name === undefined) {
    for (let i = 1; ; i++) {
      const candidate = join(parentDir, `Untitled_project_${i}`);
      if (!(await taken(candidate))) return candidate;
    }
  }
  const base = join(parentDir, name);
  if (!(await taken(base)) || (emptyFolderWelcome && (await isEmptyFolder(base)))) return base;
  for (let i = 1; ; i++) {
    const candidate = `${base}_${i}`;
    if (!(await taken(candidate))) return candidate;
  }
}

/**
 * Creates a project exactly as Sensei's init_project does (profiles/, rules/, types/,
 * personalities/ with PlaceDataHere.txt, run.yml), plus a working example profile, a
 * connector, a .gitignore and the JSON Schemas editors need. Never overwrites a file.
 */
export async function scaffoldProject(options: ScaffoldOptions): Promise<ScaffoldResult> {
  const parentDir = resolve(options.parentDir);
  if (options.name !== undefined && (options.name.trim() === '' || /[\\/]/.test(options.name))) {
    throw new UsageError(`invalid project name ${JSON.stringify(options.name)}`, {
      hint: 'Use a plain folder name; put the parent folder in --path.',
    });
  }
  const parentInfo = await stat(parentDir).catch(() => undefined);
  if (parentInfo !== undefined && !parentInfo.isDirectory()) {
    throw new UsageError(`--path ${parentDir} is a file, not a folder`);
  }
  const projectDir = await uniqueProjectDir(parentDir, options.name?.trim(), options.emptyFolderWelcome === true);
  const projectName = relative(parentDir, projectDir);
  const created: string[] = [];
  const write = async (rel: string, content: string | Buffer) => {
    const path = join(projectDir, rel);
    await mkdir(join(path, '..'), { recursive: true });
    await writeFile(path, content, { flag: 'wx' });
    created.push(rel);
  };

  await mkdir(projectDir, { recursive: true });
  for (const folder of [
    PROJECT_FOLDERS.profiles,
    PROJECT_FOLDERS.rules,
    PROJECT_FOLDERS.types,
    PROJECT_FOLDERS.personalities,
  ]) {
    await write(join(folder, PLACEHOLDER_FILE), '');
  }
  const template = async (rel: string) =>
    (await readFile(join(TEMPLATES, rel), 'utf8')).replaceAll('{{project_name}}', projectName);
  await write('run.yml', await template('run.yml'));
  await write(join(PROJECT_FOLDERS.profiles, 'pizza_order.yml'), await template('profiles/pizza_order.yml'));
  await write(
    join(PROJECT_FOLDERS.connectors, 'example-chatbot.yml'),
    await template('connectors/example-chatbot.yml'),
  );
  await write('.gitignore', await template('gitignore'));
  for (const schema of (await readdir(SCHEMAS_DIR)).filter((f) => f.endsWith('.schema.json')).sort()) {
    const rel = join(SIMSIM_DIR, 'schemas', schema);
    await mkdir(join(projectDir, SIMSIM_DIR, 'schemas'), { recursive: true });
    await copyFile(join(SCHEMAS_DIR, schema), join(projectDir, rel), 1 /* COPYFILE_EXCL */);
    created.push(rel);
  }
  return { projectDir, created };
}
