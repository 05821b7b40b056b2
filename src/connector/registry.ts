import { basename, extname, resolve } from 'node:path';
import { countBySeverity } from '../base/diagnostics/diagnostic.ts';
import { didYouMean } from '../base/diagnostics/did-you-mean.ts';
import { InvalidProjectError } from '../base/errors.ts';
import { BUILTIN_DIRS } from '../base/package-paths.ts';
import { PROJECT_FOLDERS } from '../base/layout.ts';
import { validateConnectorFile } from './validate-file.ts';
import { readYamlFile, type SourceFile } from '../yaml/source-file.ts';
import { ConnectorConfigError } from './errors.ts';
import { declaredParameterList, normalizeConnector, type NormalizeResult } from './normalize.ts';
import { parseConnectorParameters } from './parameters.ts';
import { connectorFiles, FILE_TECHNOLOGIES, technologyKey, technologyNames } from './technology-names.ts';
import type { ParameterSpec } from './types.ts';

export { FILE_TECHNOLOGIES };
export const DEFAULT_TECHNOLOGY = 'taskyto';

const MILLIONBOT_HINT =
  'Sensei hard-coded this 1MillionBot bot; use --technology millionbot with its bot, conversation and sender ids.';
/** Sensei technologies that were one specific public chatbot, with what to use instead. */
const SENSEI_ONLY_TECHNOLOGIES: Readonly<Record<string, string>> = {
  'ada-uam': MILLIONBOT_HINT,
  lola: MILLIONBOT_HINT,
  genion: MILLIONBOT_HINT,
  'rivas-catalina': MILLIONBOT_HINT,
  'saic-malaga': MILLIONBOT_HINT,
  serviceform: 'Sensei hard-coded one Serviceform assistant; describe it in a connector file (custom format) instead.',
  julie: 'Sensei hard-coded the Julie demo bot; describe it in a connector file (custom format) instead.',
};

export interface TechnologyInfo {
  readonly name: string;
  readonly description: string;
  readonly parameters: readonly ParameterSpec[];
  /** The connector file, or undefined for custom/generic. */
  readonly file: string | undefined;
  readonly origin: 'builtin' | 'project';
}

const key = technologyKey;

/** Reads a YAML file; a command passes its own reader so that each file is read once. */
export type ReadSource = (absPath: string, display: string) => Promise<SourceFile>;

async function readConnectorFile(
  absPath: string,
  display: string,
  read: ReadSource = readYamlFile,
): Promise<Record<string, unknown>> {
  const source = await read(absPath, display);
  const diagnostics = validateConnectorFile(source);
  if (countBySeverity(diagnostics).errors > 0 || typeof source.value !== 'object' || source.value === null) {
    throw new InvalidProjectError(diagnostics, `connector ${display} is not valid`);
  }
  return source.value as Record<string, unknown>;
}

/** Built-in technologies (connectors/ of the package), then the project's connectors/ files. */
export async function listTechnologies(projectDir?: string): Promise<TechnologyInfo[]> {
  const out: TechnologyInfo[] = [];
  const seen = new Set<string>();
  const sources: Array<[string, TechnologyInfo['origin']]> = [];
  const projectConnectors = projectDir === undefined ? undefined : resolve(projectDir, PROJECT_FOLDERS.connectors);
  if (projectConnectors !== undefined && projectConnectors !== resolve(BUILTIN_DIRS.connectors))
    sources.push([projectConnectors, 'project']);
  sources.push([BUILTIN_DIRS.connectors, 'builtin']);
  for (const [dir, origin] of sources) {
    for (const file of await connectorFiles(dir)) {
      const name = basename(file, extname(file));
      if (seen.has(key(name))) continue;
      seen.add(key(name));
      let description: string;
      let parameters: readonly ParameterSpec[] = [];
      try {
        const written = await readConnectorFile(file, file);
        parameters = declaredParameterList(written);
        description =
          typeof written['description'] === 'string'
            ? written['description']
            : typeof written['name'] === 'string'
              ? written['name']
              : name;
      } catch (error) {
        if (!(error instanceof InvalidProjectError)) throw error;
        description = `(not usable: ${error.message}; run "simsim validate")`;
      }
      out.push({ name, description, parameters, file, origin });
    }
  }
  for (const name of FILE_TECHNOLOGIES) {
    out.push({
      name,
      description:
        'your own connector file (Sensei 0.1.3 config/payload format or the custom base_url/send_message format)',
      parameters: [
        {
          name: 'config_path',
          description: 'the connector YAML file (or pass --connector FILE)',
          required: true,
          secret: false,
        },
      ],
      file: undefined,
      origin: 'builtin',
    });
  }
  return out;
}

export interface ConnectorSelection {
  /** A connector YAML file (`--connector`), relative to `baseDir`. */
  readonly connector?: string | undefined;
  /** A technology name (`--technology`); taskyto when neither is given, like Sensei. */
  readonly technology?: string | undefined;
  /** `--connector-parameters` as given: JSON, k=v pairs or a map. */
  readonly parameters?: unknown;
  /** The project whose connectors/ folder adds technologies. */
  readonly projectDir?: string | undefined;
  /** Where relative paths start. */
  readonly baseDir: string;
  /** For parameters that default to an environment variable (default: process.env). */
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
  /** How files are read (default: straight from disk). */
  readonly read?: ReadSource | undefined;
}

/** The connector file of a technology, found by its name alone (nothing is read). */
async function technologyFile(
  technology: string,
  projectDir: string | undefined,
): Promise<{ name: string; file: string; origin: TechnologyInfo['origin'] } | undefined> {
  const projectConnectors = projectDir === undefined ? undefined : resolve(projectDir, PROJECT_FOLDERS.connectors);
  const sources: Array<[string, TechnologyInfo['origin']]> = [];
  if (projectConnectors !== undefined && projectConnectors !== resolve(BUILTIN_DIRS.connectors))
    sources.push([projectConnectors, 'project']);
  sources.push([BUILTIN_DIRS.connectors, 'builtin']);
  for (const [dir, origin] of sources) {
    for (const file of await connectorFiles(dir)) {
      const name = basename(file, extname(file));
      if (key(name) === key(technology)) return { name, file, origin };
    }
  }
  return undefined;
}

export interface LoadedSpec extends NormalizeResult {
  readonly technology: string | undefined;
}

/** Finds, reads, validates and normalises the connector a command asked for. */
export async function loadConnectorSpec(selection: ConnectorSelection): Promise<LoadedSpec> {
  const params = parseConnectorParameters(selection.parameters);
  let file = selection.connector?.trim() === '' ? undefined : selection.connector;
  let technology = selection.technology?.trim() === '' ? undefined : selection.technology;
  if (
    file === undefined &&
    technology !== undefined &&
    (FILE_TECHNOLOGIES as readonly string[]).includes(key(technology))
  ) {
    const path = params['config_path'];
    if (typeof path !== 'string' || path.trim() === '') {
      throw new ConnectorConfigError(`technology ${technology} needs a connector file`, {
        hint: 'Pass --connector FILE, or --connector-parameters config_path=FILE.',
      });
    }
    delete params['config_path'];
    file = path;
  }
  if (file !== undefined) {
    const absPath = resolve(selection.baseDir, file);
    const written = await readConnectorFile(absPath, file, selection.read);
    return {
      ...normalizeConnector(written, file, params, basename(file, extname(file)), selection.env ?? process.env),
      technology,
    };
  }
  technology ??= DEFAULT_TECHNOLOGY;
  const match = await technologyFile(technology, selection.projectDir);
  if (match === undefined) {
    const sensei = SENSEI_ONLY_TECHNOLOGIES[key(technology)];
    const known = await technologyNames(selection.projectDir);
    throw new ConnectorConfigError(`unknown technology \`${technology}\`${didYouMean(technology, known)}`, {
      hint: `${sensei === undefined ? '' : `${sensei} `}Known: ${known.join(', ')}. Run "simsim connectors" to see their parameters, or pass --connector FILE.`,
    });
  }
  const written = await readConnectorFile(
    match.file,
    match.origin === 'builtin' ? `builtin:${match.name}` : match.file,
    selection.read,
  );
  const source = match.origin === 'builtin' ? `builtin:${match.name}` : match.file;
  return {
    ...normalizeConnector(written, source, params, match.name, selection.env ?? process.env),
    technology: match.name,
  };
}
