import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { loadConnectorSpec, type ReadSource } from '../connector/registry.ts';
import { didYouMean } from '../base/diagnostics/did-you-mean.ts';
import type { FileDiagnostics } from '../yaml/file-diagnostics.ts';
import { InvalidProjectError } from '../base/errors.ts';
import { PROJECT_FOLDERS } from '../base/layout.ts';
import { specProblems } from '../connector/check-spec.ts';
import { ConnectorConfigError } from '../connector/errors.ts';
import { parseConnectorParameters } from '../connector/parameters.ts';
import { technologyKey, technologyNames } from '../connector/technology-names.ts';
import { insertPort } from '../server/server-port.ts';
import type { Rec } from '../base/access.ts';

const isFile = (path: string) =>
  stat(path).then(
    (s) => s.isFile(),
    () => false,
  );
const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);

/** At validation time every environment variable counts as set: they matter when the run starts. */
const ANY_ENV: Readonly<Record<string, string>> = new Proxy(
  {},
  { get: (_target, name) => (typeof name === 'string' ? 'set' : undefined) },
);

/** Stands for `port: auto` while validating: any valid port checks the addresses the same way. */
const SAMPLE_PORT = 5000;

/**
 * run.yml's connector settings: a known technology, parameters that parse and that the chosen
 * connector declares, and a connector file outside connectors/ that is itself valid.
 */
export async function checkRunChatbotSettings(
  value: Rec,
  projectDir: string,
  sink: FileDiagnostics,
  read?: ReadSource,
): Promise<void> {
  const connector = text(value['connector']);
  const technology = text(value['technology']);
  const paramsKey = 'connector_parameters' in value ? 'connector_parameters' : 'connector_params';
  let broken = false;

  if (technology !== undefined && connector === undefined) {
    const names = await technologyNames(projectDir);
    if (!names.some((n) => technologyKey(n) === technologyKey(technology))) {
      broken = true;
      sink.error(
        'run-reference',
        ['technology'],
        `technology \`${technology}\` is neither built in nor a file in ${PROJECT_FOLDERS.connectors}/${didYouMean(technology, names)}`,
        {
          hint: `Known: ${names.join(', ')}. Run "simsim connectors" to see them with their parameters.`,
        },
      );
    }
  }
  for (const key of ['connector_params', 'connector_parameters'] as const) {
    if (!(key in value)) continue;
    try {
      parseConnectorParameters(value[key]);
    } catch (error) {
      broken = true;
      sink.error('schema-value', [key], (error as Error).message, { hint: 'Write a map, JSON text, or k=v,k2=v2.' });
    }
  }
  // A connector that is not a file is reported by the run.yml rule that checks the paths.
  if (broken || (connector !== undefined && !(await isFile(resolve(projectDir, connector))))) return;

  const where = paramsKey in value ? [paramsKey] : connector !== undefined ? ['connector'] : ['technology'];
  try {
    // `{{port}}` in the parameters is the server block's port, known only when the run starts.
    const serverPort = (value['server'] as Rec | null | undefined)?.['port'];
    const parameters = insertPort(value[paramsKey], typeof serverPort === 'number' ? serverPort : SAMPLE_PORT);
    const { spec } = await loadConnectorSpec({
      connector,
      technology,
      parameters,
      projectDir,
      baseDir: projectDir,
      env: ANY_ENV,
      read,
    });
    // The parameters are in now: an address or path they make is checked as the run would.
    const context = {
      ...spec.values,
      env: ANY_ENV,
      conversation_id: 'conversation-id',
      turn: 1,
      user_message: 'hello',
      history: [],
    };
    for (const problem of specProblems(spec, { context, envKnown: false })) {
      sink.error(problem.code, where, `connector ${spec.name}: ${problem.message}`, { hint: problem.hint });
    }
  } catch (error) {
    if (error instanceof ConnectorConfigError) {
      sink.error('schema-value', where, error.message, { hint: error.hint });
    } else if (error instanceof InvalidProjectError) {
      const inConnectors =
        connector !== undefined &&
        resolve(projectDir, connector).startsWith(resolve(projectDir, PROJECT_FOLDERS.connectors));
      if (!inConnectors) sink.items.push(...error.diagnostics);
    } else {
      throw error;
    }
  }
}
