import { createServer } from 'node:net';
import type { ServerConfig } from '../model/run-settings.ts';

/** `{{port}}`, the one placeholder of run.yml's `server:` block and connector parameters. */
const PORT = /\{\{\s*port\s*\}\}/g;

export function mentionsPort(value: unknown): boolean {
  if (typeof value === 'string') return new RegExp(PORT.source).test(value);
  if (Array.isArray(value)) return value.some(mentionsPort);
  if (typeof value === 'object' && value !== null) return Object.values(value).some(mentionsPort);
  return false;
}

/** Replaces `{{port}}` in every string of a value (text, list or map); a lone `{{port}}` becomes the number. */
export function insertPort(value: unknown, port: number): unknown {
  if (typeof value === 'string') {
    if (/^\s*\{\{\s*port\s*\}\}\s*$/.test(value)) return port;
    return value.replace(PORT, String(port));
  }
  if (Array.isArray(value)) return value.map((item) => insertPort(item, port));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([key, inner]) => [key, insertPort(inner, port)]),
    );
  }
  return value;
}

const insertText = (text: string, port: number) => text.replace(PORT, String(port));

/** Whether the command, URL or env of a server block use `{{port}}`. */
export function serverMentionsPort(config: ServerConfig): boolean {
  return mentionsPort(config.command) || mentionsPort(config.url) || mentionsPort(config.env);
}

/** The server block with its port in place of every `{{port}}`. */
export function serverWithPort(config: ServerConfig, port: number): ServerConfig {
  return {
    ...config,
    command:
      typeof config.command === 'string'
        ? insertText(config.command, port)
        : config.command.map((part) => insertText(part, port)),
    url: config.url === undefined ? undefined : insertText(config.url, port),
    env: Object.fromEntries(Object.entries(config.env).map(([key, value]) => [key, insertText(value, port)])),
    port,
  };
}

/**
 * A port nothing listens on now, from the operating system. Another program could take it
 * before the chatbot does; the server's start then fails with "already in use", never silently.
 */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen(0, host, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
