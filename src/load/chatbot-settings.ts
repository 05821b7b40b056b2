import { join } from 'node:path';
import { stat } from 'node:fs/promises';
import { serverConfigFromRun, type ServerConfig } from '../server/server-config.ts';
import { readYamlFile } from '../yaml/source-file.ts';
import { RUN_FILE_NAMES } from '../base/layout.ts';

/** What run.yml says about reaching the chatbot (the rest belongs to `simsim run`). */
export interface ChatbotSettings {
  readonly runFile: string | undefined;
  readonly technology: string | undefined;
  readonly connector: string | undefined;
  /** `connector_parameters` or Sensei's `connector_params`, as written. */
  readonly connectorParameters: unknown;
  readonly server: ServerConfig | undefined;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined);

/** Reads run.yml (or run.yaml) of a project; every field undefined when there is none. */
export async function readChatbotSettings(projectDir: string): Promise<ChatbotSettings> {
  for (const name of RUN_FILE_NAMES) {
    const path = join(projectDir, name);
    if (!(await stat(path).then((s) => s.isFile(), () => false))) continue;
    const file = await readYamlFile(path, path);
    const value = (typeof file.value === 'object' && file.value !== null ? file.value : {}) as Record<string, unknown>;
    return {
      runFile: path,
      technology: text(value['technology']),
      connector: text(value['connector']),
      connectorParameters: value['connector_parameters'] ?? value['connector_params'],
      server: serverConfigFromRun(value['server'], projectDir),
    };
  }
  return { runFile: undefined, technology: undefined, connector: undefined, connectorParameters: undefined, server: undefined };
}
