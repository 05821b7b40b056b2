import { loadConnector } from '../connector/index.ts';
import type { ConnectorOptions } from '../connector/create-connector.ts';
import { ConnectorConfigError } from '../connector/errors.ts';
import type { ConnectorSelection } from '../connector/registry.ts';
import type { ChatbotConnector } from '../connector/types.ts';
import { checkChatbotAnswers } from './preflight.ts';
import { Redactor, secretsInEnv } from '../base/redaction.ts';
import { describeCommand } from './server-config.ts';
import { freePort, insertPort, mentionsPort, serverMentionsPort, serverWithPort } from './server-port.ts';
import { ServerStartError, startServer, type RunningServer } from './start-server.ts';
import type { ServerConfig } from '../model/run-settings.ts';

export interface PreparedChatbot {
  readonly connector: ChatbotConnector;
  /** For the user: what the connector does that is probably not meant. */
  readonly warnings: readonly string[];
  /** A notice when an already running server is used instead of starting one. */
  readonly serverNotices: readonly string[];
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
  /** Check that the chatbot takes connections before returning (a run does, unless --no-preflight). */
  readonly preflight?: boolean | undefined;
}

/** The server block's port: a free one for `auto`; an error when `{{port}}` is used without one. */
async function serverPort(config: ServerConfig | undefined): Promise<number | undefined> {
  if (config === undefined) return undefined;
  if (config.port === 'auto') return freePort();
  if (config.port !== undefined) return config.port;
  if (serverMentionsPort(config)) {
    throw new ServerStartError(`run.yml's server: uses {{port}} but sets no port`, {
      hint: 'Add `port: auto` (a free port for each run) or `port: 5050` to the server: block.',
    });
  }
  return undefined;
}

/**
 * Everything a run needs to talk to the chatbot: the server's port is chosen first (it goes into
 * the connector parameters), then the connector is built (so a bad connector fails before any
 * process starts), then the server is started and awaited, and the chatbot's host is checked.
 */
export async function prepareChatbot(
  selection: ConnectorSelection,
  options: PrepareOptions = {},
): Promise<PreparedChatbot> {
  const port = await serverPort(options.server);
  if (port === undefined && mentionsPort(selection.parameters)) {
    throw new ConnectorConfigError(
      "the connector parameters use {{port}}, which has a value only when simsim starts the chatbot (run.yml's server: block with a port)",
      {
        hint: "Write the chatbot's real port instead, or let simsim start it: add `port: auto` to server: (and do not pass --no-server).",
      },
    );
  }
  const parameters = port === undefined ? selection.parameters : insertPort(selection.parameters, port);
  const { connector, spec, warnings } = await loadConnector({ ...selection, parameters }, options);
  const redactor = options.redactor ?? new Redactor();
  redactor.add([...secretsInEnv(options.env ?? process.env), ...connector.secrets]);
  const notices: string[] = [];
  let server: RunningServer | undefined;
  if (options.server !== undefined) {
    const config = port === undefined ? options.server : serverWithPort(options.server, port);
    redactor.add(secretsInEnv(config.env));
    options.onServerStart?.(config);
    server = await startServer(config, {
      logPath: options.serverLog,
      signal: options.signal,
      env: options.env,
      redact: redactor.text,
    });
    if (server.reused) {
      notices.push(
        `using the chatbot server already running at ${server.url ?? config.url ?? '?'} (server.reuse_existing); simsim did not start \`${describeCommand(config.command)}\`, so make sure it is the chatbot you mean to test`,
      );
    }
  }
  let stopped: Promise<void> | undefined;
  const stop = () => (stopped ??= server?.stop() ?? Promise.resolve());
  if (options.preflight === true) {
    try {
      await checkChatbotAnswers(spec, options.env ?? process.env, options.signal);
    } catch (error) {
      await stop();
      throw error;
    }
  }
  return { connector, warnings, serverNotices: notices, server, stop };
}
