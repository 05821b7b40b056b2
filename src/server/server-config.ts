import { resolve } from 'node:path';

/** run.yml's `server:` block, normalised: how to start the chatbot under test for a run. */
export interface ServerConfig {
  /** A shell command, or program and arguments (no shell). */
  readonly command: string | readonly string[];
  /** Ready when this URL answers any HTTP response. */
  readonly url: string | undefined;
  readonly timeoutMs: number;
  readonly reuseExisting: boolean;
  readonly env: Readonly<Record<string, string>>;
  readonly cwd: string;
  /**
   * `server.port`: a number, or `auto` for a free port chosen at start. Its value replaces
   * `{{port}}` in the command, the URL, the env values and the connector parameters.
   */
  readonly port?: number | 'auto' | undefined;
}

export const DEFAULT_SERVER_TIMEOUT_S = 60;

type Rec = Record<string, unknown>;

/** Reads a (schema-valid) `server:` value; undefined when run.yml has none. */
export function serverConfigFromRun(value: unknown, projectDir: string): ServerConfig | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const block = value as Rec;
  const raw = block['command'];
  const command = Array.isArray(raw) ? raw.map((part) => (typeof part === 'string' ? part : JSON.stringify(part))) : typeof raw === 'string' ? raw : '';
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
  return typeof command === 'string' ? command : command.map((part) => (/\s/.test(part) ? JSON.stringify(part) : part)).join(' ');
}
