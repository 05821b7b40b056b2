import { resolve } from 'node:path';
import type { ServerConfig } from '../model/run-settings.ts';
import type { Rec } from '../base/access.ts';

export const DEFAULT_SERVER_TIMEOUT_S = 60;

/** Reads a (schema-valid) `server:` value; undefined when run.yml has none. */
export function serverConfigFromRun(value: unknown, projectDir: string): ServerConfig | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const block = value as Rec;
  const raw = block['command'];
  const command = Array.isArray(raw)
    ? raw.map((part) => (typeof part === 'string' ? part : JSON.stringify(part)))
    : typeof raw === 'string'
      ? raw
      : '';
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries((block['env'] as Rec | null | undefined) ?? {})) env[k] = String(v);
  return {
    command,
    url: typeof block['url'] === 'string' ? block['url'] : undefined,
    timeoutMs: Math.round((typeof block['timeout'] === 'number' ? block['timeout'] : DEFAULT_SERVER_TIMEOUT_S) * 1000),
    reuseExisting: block['reuse_existing'] === true,
    env,
    cwd: resolve(projectDir, typeof block['cwd'] === 'string' ? block['cwd'] : '.'),
    port: block['port'] === 'auto' ? 'auto' : typeof block['port'] === 'number' ? block['port'] : undefined,
  };
}

export function describeCommand(command: ServerConfig['command']): string {
  return typeof command === 'string'
    ? command
    : command.map((part) => (/\s/.test(part) ? JSON.stringify(part) : part)).join(' ');
}
