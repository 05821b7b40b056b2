import { loadConnector } from '../connector/index.ts';
import type { ConnectorOptions } from '../connector/create-connector.ts';
import type { ConnectorSelection } from '../connector/registry.ts';
import type { ChatbotConnector } from '../connector/types.ts';
import { Redactor, secretsInEnv } from '../secrets/redaction.ts';
import type { ServerConfig } from './server-config.ts';
import { startServer, type RunningServer } from './start-server.ts';

export interface PreparedChatbot {
  readonly connector: ChatbotConnector;
  readonly warnings: readonly string[];
  /** The server started from run.yml's `server:` block, if any. */
  readonly server: RunningServer | undefined;
  /** Stops the server (if simsim started it); safe to call more than once. */
  stop(): Promise<void>;
}

export interface PrepareOptions extends ConnectorOptions {
  readonly server?: ServerConfig | undefined;
  /** Where the server's output is kept (a run puts it in its output folder). */
  readonly serverLog?: string | undefined;
  readonly signal?: AbortSignal | undefined;
  /** The command's secrets: the connector's and the server's are added, and the server log is redacted with it. */
  readonly redactor?: Redactor | undefined;
  /** Called just before the server command starts, to tell the user. */
  readonly onServerStart?: ((config: ServerConfig) => void) | undefined;
}

/**
 * Everything a run needs to talk to the chatbot: the connector is built first (so a bad
 * connector fails before any process starts), then the server is started and awaited.
 */
export async function prepareChatbot(selection: ConnectorSelection, options: PrepareOptions = {}): Promise<PreparedChatbot> {
  const { connector, warnings } = await loadConnector(selection, options);
  const redactor = options.redactor ?? new Redactor();
  redactor.add([...secretsInEnv(options.env ?? process.env), ...connector.secrets]);
  let server: RunningServer | undefined;
  if (options.server !== undefined) {
    redactor.add(secretsInEnv(options.server.env));
    options.onServerStart?.(options.server);
    server = await startServer(options.server, { logPath: options.serverLog, signal: options.signal, env: options.env, redact: redactor.text });
  }
  let stopped: Promise<void> | undefined;
  return {
    connector,
    warnings,
    server,
    stop: () => (stopped ??= server?.stop() ?? Promise.resolve()),
  };
}
