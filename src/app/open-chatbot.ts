import type { Diagnostic } from '../base/diagnostics/diagnostic.ts';
import type { Redactor } from '../base/redaction.ts';
import type { Project } from '../load/project.ts';
import type { ServerConfig } from '../model/run-settings.ts';
import { prepareChatbot, type PreparedChatbot } from '../server/prepare-chatbot.ts';
import { parseConnectorParameters } from '../connector/parameters.ts';
import type { TargetChoice } from '../model/run-settings.ts';

export interface OpenedChatbot extends Omit<PreparedChatbot, 'warnings' | 'serverNotices'> {
  /** The connector's warnings and the server notices, where they come from. */
  readonly warnings: readonly Diagnostic[];
}

/**
 * The chatbot of a loaded project, as `run` and `chat` talk to it: the connector its settings
 * chose, with the project's environment (.env included) for `{{env.X}}`, and run.yml's server
 * started when the chatbot comes from run.yml.
 */
export async function openChatbot(
  project: Project,
  options: {
    serverLog?: string | undefined;
    signal?: AbortSignal | undefined;
    preflight?: boolean | undefined;
    redactor?: Redactor | undefined;
    onServerStart?: ((config: ServerConfig) => void) | undefined;
  } = {},
): Promise<OpenedChatbot> {
  const { chatbot, server, runFile } = project.settings;
  if (chatbot.target !== undefined) return openTarget(project, chatbot.target, options);
  const prepared = await prepareChatbot(
    {
      connector: chatbot.connector,
      technology: chatbot.technology,
      parameters: chatbot.parameters,
      projectDir: project.dir,
      baseDir: project.dir,
      env: project.env,
      read: (absPath, shown) => project.sources.read(absPath, shown),
    },
    {
      env: project.env,
      server,
      serverLog: options.serverLog,
      signal: options.signal,
      preflight: options.preflight,
      redactor: options.redactor,
      onServerStart: options.onServerStart,
    },
  );
  const shown = (path: string | undefined) => (path === undefined ? project.dir : project.sources.display(path));
  const connectorFile = shown(chatbot.connector ?? (chatbot.from === 'run.yml' ? runFile : undefined));
  const at = (file: string, code: Diagnostic['code'], message: string): Diagnostic => ({
    code,
    severity: 'warning',
    message,
    file,
    line: 1,
    column: 1,
  });
  const warnings = [
    ...prepared.warnings.map((w) => at(connectorFile, 'connector-warning', w)),
    ...prepared.serverNotices.map((w) => at(shown(runFile), 'server-reused', w)),
  ];
  return { ...prepared, warnings };
}

/**
 * A function target as the chatbot: loaded (a Python one started) before the first conversation,
 * so a missing function is a configuration error; the connector parameters are every
 * conversation's `context`. `stop()` ends its Python processes; so does the signal (Ctrl-C).
 */
async function openTarget(
  project: Project,
  target: TargetChoice,
  options: { signal?: AbortSignal | undefined; redactor?: Redactor | undefined },
): Promise<OpenedChatbot> {
  const { loadTarget } = await import('../targets/index.ts');
  const connector = await loadTarget(target.spec, {
    baseDir: target.baseDir,
    timeoutMs: target.timeoutMs,
    parameters: parseConnectorParameters(project.settings.chatbot.parameters),
    env: project.env,
    passEnv: target.passEnv,
    python: target.python,
    signal: options.signal,
  });
  options.redactor?.add(connector.secrets);
  let stopped: Promise<void> | undefined;
  return { connector, warnings: [], server: undefined, stop: () => (stopped ??= connector.close()) };
}
