import type { FileDiagnostics } from '../yaml/file-diagnostics.ts';
import { mentionsPort } from '../server/server-port.ts';
import type { Rec } from '../base/access.ts';

const rec = (value: unknown): Rec | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Rec) : undefined;

/**
 * run.yml's `server.port` and the `{{port}}` it fills in: a port from 1 to 65535 or `auto`, and
 * no `{{port}}` without a port to put there.
 */
export function checkServerBlock(value: Rec, sink: FileDiagnostics): void {
  const server = rec(value['server']);
  const port = server?.['port'];
  if (server !== undefined && port !== undefined && port !== null) {
    const valid = port === 'auto' || (typeof port === 'number' && Number.isInteger(port) && port >= 1 && port <= 65535);
    if (!valid) {
      sink.error(
        'schema-value',
        ['server', 'port'],
        `server.port must be a port number from 1 to 65535 or \`auto\`, not ${JSON.stringify(port)}`,
        {
          hint: '`port: auto` picks a free port for each run and passes it as {{port}}.',
        },
      );
    }
    if (port === 'auto' && server['reuse_existing'] === true) {
      sink.warning(
        'schema-value',
        ['server', 'reuse_existing'],
        'reuse_existing has no effect with `port: auto`: the port is a new, free one on each run',
        {
          hint: 'Remove reuse_existing, or write a fixed port to reuse a running server.',
        },
      );
    }
  }
  const hasPort = server !== undefined && port !== undefined && port !== null;
  if (hasPort) return;
  for (const key of ['command', 'url', 'env'] as const) {
    if (server !== undefined && mentionsPort(server[key])) {
      sink.error('schema-value', ['server', key], `server.${key} uses {{port}}, but server: sets no port`, {
        hint: 'Add `port: auto` (a free port for each run) or a fixed `port:` to server:.',
      });
    }
  }
  for (const key of ['connector_parameters', 'connector_params'] as const) {
    if (mentionsPort(value[key])) {
      sink.error(
        'schema-value',
        [key],
        `${key} uses {{port}}, which only has a value when run.yml's server: block sets a port`,
        {
          hint: "Write the chatbot's port, or add a server: block with `port: auto` so simsim starts the chatbot.",
        },
      );
    }
  }
}
