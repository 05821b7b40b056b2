import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseEnv } from 'node:util';

export type EnvMap = Readonly<Record<string, string | undefined>>;

/**
 * The environment for a project: its `.env` file (if any) under the process environment, which
 * wins, as with dotenv. Nothing is written to `process.env`, so tests and runs stay isolated.
 */
export async function loadProjectEnv(projectDir: string, processEnv: EnvMap): Promise<EnvMap> {
  let text: string;
  try {
    text = await readFile(join(projectDir, '.env'), 'utf8');
  } catch {
    return processEnv;
  }
  const fromFile = parseEnv(text) as Record<string, string>;
  const merged: Record<string, string | undefined> = { ...fromFile };
  for (const [key, value] of Object.entries(processEnv)) if (value !== undefined) merged[key] = value;
  return merged;
}
