import { spawn } from 'node:child_process';

/** The command that opens a file in the user's browser: `$BROWSER` when set, else the platform's opener. */
export function browserCommand(
  file: string,
  env: Readonly<Record<string, string | undefined>>,
  platform: NodeJS.Platform = process.platform,
): [string, string[]] {
  const browser = env['BROWSER']?.trim();
  if (browser) return [browser, [file]];
  if (platform === 'darwin') return ['open', [file]];
  if (platform === 'win32') return ['cmd', ['/c', 'start', '""', file]];
  return ['xdg-open', [file]];
}

/**
 * Starts the browser on `file` and does not wait for it to close. Resolves to undefined when it
 * started, or to the reason it could not (no opener installed): the report is written either way.
 */
export function openInBrowser(
  file: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<string | undefined> {
  const [command, args] = browserCommand(file, env);
  return new Promise((resolve) => {
    try {
      const child = spawn(command, args, { detached: true, stdio: 'ignore', env: { ...env } });
      child.once('error', (error) => resolve(`could not start ${command}: ${error.message}`));
      child.once('spawn', () => {
        child.unref();
        resolve(undefined);
      });
    } catch (error) {
      resolve(`could not start ${command}: ${(error as Error).message}`);
    }
  });
}
