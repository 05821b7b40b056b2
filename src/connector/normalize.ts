import { REDIRECT_POLICIES, type RedirectPolicy } from '../net/http-fetch.ts';
import { ConnectorConfigError } from './errors.ts';
import { replaceParameterKeys, type ParameterValues } from './parameters.ts';
import { isSecretName } from '../base/redaction.ts';
import { fromUserMsgPlaceholder } from './template.ts';
import type {
  AudioSpec,
  BodyFormat,
  ConnectorSpec,
  ParameterSpec,
  PartPaths,
  ReplySpec,
  RequestTemplate,
} from './types.ts';
import type { Rec } from '../base/access.ts';

type Env = Readonly<Record<string, string | undefined>>;

const DEFAULT_TIMEOUT_S = 20;
const DEFAULT_RETRY = { attempts: 2, backoffMs: 500 } as const;
export const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;
export const MAX_TIMEOUT_S = 3600;
export const MAX_RETRIES = 10;
export const MAX_BACKOFF_S = 60;
/** What the simulated user reads of one page or PDF, unless `media_tokens` says otherwise. */
export const DEFAULT_MEDIA_TOKENS = 1000;
export const MAX_MEDIA_TOKENS = 20_000;
/** Audio replies are larger than text ones: 16 MiB holds minutes of WAV. */
export const DEFAULT_AUDIO_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;
export const AUDIO_SEND_MODES = ['multipart', 'base64', 'raw'] as const;

/** Spellings Sensei's web UI and older docs use for a chatbot's address. */
const BASE_URL_ALIASES = ['api_url', 'url'] as const;

const rec = (value: unknown): Rec | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Rec) : undefined;
const str = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;

export type ConnectorFormat = 'sensei' | 'custom';

export function detectFormat(written: Rec): ConnectorFormat | undefined {
  if ('config' in written || 'payload' in written) return 'sensei';
  if ('base_url' in written || 'send_message' in written || 'response_path' in written) return 'custom';
  return undefined;
}

/** The parameters a connector file declares (list form: Sensei's keys to replace). */
export function declaredParameterList(written: Rec): ParameterSpec[] {
  return declaredParameters(written).list;
}

function declaredParameters(written: Rec): { list: ParameterSpec[]; senseiStyle: boolean } {
  const raw = written['parameters'];
  if (Array.isArray(raw)) {
    return {
      senseiStyle: true,
      list: raw.map(String).map((name) => ({ name, required: true, secret: isSecretName(name) })),
    };
  }
  const map = rec(raw) ?? {};
  const list = Object.entries(map).map(([name, value]): ParameterSpec => {
    const spec = rec(value);
    const hasDefault = spec !== undefined && 'default' in spec;
    return {
      name,
      description: str(spec?.['description']),
      env: str(spec?.['env']),
      default: spec?.['default'],
      required: spec?.['required'] === true || (!hasDefault && spec?.['required'] !== false),
      secret: spec?.['secret'] === true || isSecretName(name),
    };
  });
  return { senseiStyle: false, list };
}

/** Checks the parameters given against those the connector declares; returns the values in force. */
function resolveValues(
  declared: ParameterSpec[],
  senseiStyle: boolean,
  given: ParameterValues,
  warnings: string[],
  name: string,
  env: Env,
): ParameterValues {
  const input = { ...given };
  const names = new Set(declared.map((p) => p.name));
  if (names.has('base_url')) {
    for (const alias of BASE_URL_ALIASES) {
      if (alias in input && !names.has(alias) && !('base_url' in input)) {
        input['base_url'] = input[alias];
        delete input[alias];
      }
    }
  }
  const givenNames = Object.keys(input);
  if (senseiStyle) {
    if (givenNames.length === 0) {
      if (declared.length > 0)
        warnings.push(
          `connector ${name} declares parameters (${[...names].join(', ')}) but none were given; the file is used as written`,
        );
      return {};
    }
    const missing = [...names].filter((n) => !(n in input));
    const unknown = givenNames.filter((n) => !names.has(n));
    if (missing.length > 0 || unknown.length > 0) {
      throw new ConnectorConfigError(
        `the parameters given do not match those connector ${name} declares (${[...names].join(', ') || 'none'})`,
        {
          hint: [
            missing.length > 0 ? `missing: ${missing.join(', ')}` : '',
            unknown.length > 0 ? `not declared: ${unknown.join(', ')}` : '',
          ]
            .filter(Boolean)
            .join('; '),
        },
      );
    }
    return input;
  }
  const unknown = givenNames.filter((n) => !names.has(n));
  if (unknown.length > 0) {
    throw new ConnectorConfigError(`connector ${name} has no parameter ${unknown.map((n) => `\`${n}\``).join(', ')}`, {
      hint:
        declared.length > 0
          ? `It takes: ${declared.map((p) => p.name).join(', ')} (see "simsim connectors").`
          : 'It takes no parameters.',
    });
  }
  const values: ParameterValues = {};
  for (const p of declared) {
    const fromEnv = p.env === undefined ? undefined : env[p.env];
    if (p.name in input) values[p.name] = input[p.name];
    else if (fromEnv !== undefined && fromEnv !== '') values[p.name] = fromEnv;
    else if (p.default !== undefined && p.default !== null) values[p.name] = p.default;
    else if (p.required) {
      throw new ConnectorConfigError(
        `connector ${name} needs the parameter \`${p.name}\`${p.description ? ` (${p.description})` : ''}`,
        {
          hint: `Pass it with --connector-parameters ${p.name}=... or connector_parameters in run.yml${p.env === undefined ? '' : `, or set ${p.env}`}.`,
        },
      );
    }
  }
  return values;
}

/** Validation rejects timeouts outside 0.001..MAX_TIMEOUT_S; the clamp keeps any that slip through sane. */
function timeoutMs(value: unknown, fallbackMs: number): number {
  const ms = (seconds: number) => Math.min(Math.max(1, Math.round(seconds * 1000)), MAX_TIMEOUT_S * 1000);
  if (typeof value === 'number' && value > 0) return ms(value);
  if (Array.isArray(value)) {
    const nums = value.filter((v): v is number => typeof v === 'number' && v > 0);
    if (nums.length > 0) return ms(Math.max(...nums));
  }
  return fallbackMs;
}

function followRedirects(value: unknown): RedirectPolicy {
  return REDIRECT_POLICIES.find((policy) => policy === value) ?? 'same-origin';
}

function maxResponseBytes(value: unknown): number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : DEFAULT_MAX_RESPONSE_BYTES;
}

function headers(...maps: unknown[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const map of maps) {
    for (const [k, v] of Object.entries(rec(map) ?? {}))
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
        out[k] = fromUserMsgPlaceholder(String(v));
  }
  return out;
}

function placeholders(value: unknown): unknown {
  if (typeof value === 'string') return fromUserMsgPlaceholder(value);
  if (Array.isArray(value)) return value.map(placeholders);
  const map = rec(value);
  if (map) return Object.fromEntries(Object.entries(map).map(([k, v]) => [k, placeholders(v)]));
  return value;
}

function bodyFormat(value: unknown, body: unknown): BodyFormat {
  if (value === 'form' || value === 'text' || value === 'json') return value;
  return typeof body === 'string' ? 'text' : 'json';
}

interface Defaults {
  readonly baseUrl: string;
  readonly headers: Record<string, string>;
  readonly timeoutMs: number;
}

function request(block: Rec, defaults: Defaults, fallbackMethod: string): RequestTemplate {
  const body = placeholders(block['payload_template'] ?? block['payload'] ?? block['body']);
  return {
    method: (str(block['method']) ?? fallbackMethod).toUpperCase(),
    baseUrl: str(block['url']) ?? defaults.baseUrl,
    path: str(block['path']) ?? '',
    headers: { ...defaults.headers, ...headers(block['headers']) },
    body,
    bodyFormat: bodyFormat(block['body_format'], body),
    timeoutMs: timeoutMs(block['timeout'], defaults.timeoutMs),
  };
}

function replySpec(path: string | undefined, replies: Rec | undefined): ReplySpec {
  return {
    path: path === undefined || path.trim() === '' ? undefined : path,
    textPath: str(replies?.['text_path']),
    buttonsPath: str(replies?.['buttons_path']),
    mode: replies?.['mode'] === 'separate' ? 'separate' : 'join',
    separator: str(replies?.['separator']) ?? '\n',
  };
}

/** Validation rejects more than MAX_RETRIES attempts or MAX_BACKOFF_S; the clamp keeps any that slip through sane. */
function retry(value: unknown): ConnectorSpec['retry'] {
  const attempts = (n: unknown) =>
    typeof n === 'number' ? Math.min(Math.max(0, Math.floor(n)), MAX_RETRIES) : DEFAULT_RETRY.attempts;
  if (typeof value === 'number') return { attempts: attempts(value), backoffMs: DEFAULT_RETRY.backoffMs };
  const map = rec(value);
  if (!map) return DEFAULT_RETRY;
  const backoff = map['backoff'];
  const backoffMs =
    typeof backoff === 'number'
      ? Math.min(Math.max(0, Math.round(backoff * 1000)), MAX_BACKOFF_S * 1000)
      : DEFAULT_RETRY.backoffMs;
  return { attempts: attempts(map['attempts']), backoffMs };
}

function partPaths(written: Rec): PartPaths {
  const path = (key: string) => {
    const value = str(written[key]);
    return value === undefined || value.trim() === '' ? undefined : value;
  };
  return {
    links: path('links_path'),
    images: path('images_path'),
    files: path('files_path'),
    buttons: path('buttons_path'),
  };
}

function mediaTokens(value: unknown): number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0
    ? Math.min(value, MAX_MEDIA_TOKENS)
    : DEFAULT_MEDIA_TOKENS;
}

/** The `audio:` section; its request defaults to send_message's address and headers. */
function audioSpec(block: Rec | undefined, defaults: Defaults, send: RequestTemplate): AudioSpec | undefined {
  if (block === undefined) return undefined;
  const sendAs = AUDIO_SEND_MODES.find((mode) => mode === block['send_as']) ?? 'multipart';
  const template = request(block, { ...defaults, baseUrl: defaults.baseUrl }, send.method);
  const path = str(block['path']) ?? (str(block['url']) === undefined ? send.path : '');
  const maxBytes = block['max_response_bytes'];
  return {
    request: { ...template, baseUrl: str(block['url']) ?? send.baseUrl, path, bodyFormat: 'json' },
    sendAs,
    field: str(block['field']) ?? 'audio',
    format: block['format'] === 'mp3' ? 'mp3' : 'wav',
    audioPath: str(block['audio_path']),
    transcriptPath: str(block['transcript_path']),
    heardPath: str(block['heard_path']),
    maxResponseBytes:
      typeof maxBytes === 'number' && Number.isInteger(maxBytes) && maxBytes > 0
        ? maxBytes
        : DEFAULT_AUDIO_MAX_RESPONSE_BYTES,
  };
}

export interface NormalizeResult {
  readonly spec: ConnectorSpec;
  readonly warnings: readonly string[];
}

/**
 * Turns a connector file (Sensei 0.1.3's `config/payload/parameters`, the successor `custom`
 * format, either with simsim's extensions) and the parameters given into one spec.
 */
export function normalizeConnector(
  writtenInput: Rec,
  source: string,
  given: ParameterValues,
  fallbackName: string,
  env: Env = {},
): NormalizeResult {
  const format = detectFormat(writtenInput);
  if (format === undefined) {
    throw new ConnectorConfigError(
      `${source} is not a connector: it needs \`config: {api_url, ...}\` (Sensei format) or \`base_url\` + \`send_message\``,
    );
  }
  const warnings: string[] = [];
  const name = str(writtenInput['name']) ?? fallbackName;
  const { list: declared, senseiStyle } = declaredParameters(writtenInput);
  let input = given;
  if (format === 'sensei' && declared.length === 0 && Object.keys(given).length > 0) {
    // Sensei ignores parameters its file does not declare, with a warning; so do we.
    warnings.push(
      `connector ${name} declares no parameters, so ${Object.keys(given).join(', ')} ${Object.keys(given).length === 1 ? 'is' : 'are'} ignored; list them under \`parameters:\` to use them`,
    );
    input = {};
  }
  const values = resolveValues(declared, senseiStyle, input, warnings, name, env);
  const written =
    senseiStyle && Object.keys(values).length > 0 ? (replaceParameterKeys(writtenInput, values) as Rec) : writtenInput;
  const replies = rec(written['replies']);

  let defaults: Defaults;
  let send: ConnectorSpec['send'];
  if (format === 'sensei') {
    const config = rec(written['config']) ?? {};
    const apiUrl = str(config['api_url']);
    if (apiUrl === undefined || apiUrl.trim() === '')
      throw new ConnectorConfigError(`connector ${name} has no config.api_url`);
    defaults = {
      baseUrl: apiUrl,
      headers: headers(config['headers']),
      timeoutMs: timeoutMs(config['timeout'], DEFAULT_TIMEOUT_S * 1000),
    };
    const payload = placeholders(written['payload'] ?? {});
    const mentionsMessage = JSON.stringify(payload ?? null).includes('{{user_message}}');
    const requestKey = str(config['request_key']) ?? (mentionsMessage ? undefined : 'message');
    send = {
      request: { ...request({ method: config['method'], payload }, defaults, 'POST'), messageKey: requestKey },
      reply: replySpec(str(config['response_key']), replies),
    };
  } else {
    const baseUrl = str(written['base_url']) ?? '';
    defaults = {
      baseUrl,
      headers: headers(written['headers']),
      timeoutMs: timeoutMs(written['timeout'], DEFAULT_TIMEOUT_S * 1000),
    };
    const block = rec(written['send_message']) ?? {};
    if (baseUrl.trim() === '' && str(block['url']) === undefined)
      throw new ConnectorConfigError(`connector ${name} has no base_url`);
    send = { request: request(block, defaults, 'POST'), reply: replySpec(str(written['response_path']), replies) };
  }

  const startBlock = rec(written['start']);
  const endBlock = rec(written['end']);
  const history = rec(written['history']) ?? (written['history'] === true ? {} : undefined);
  const spec: ConnectorSpec = {
    name,
    description: str(written['description']),
    source,
    format,
    send,
    start: startBlock && {
      request: request(startBlock, defaults, 'POST'),
      idPath: str(startBlock['conversation_id_path']),
      greeting:
        str(startBlock['response_path']) === undefined
          ? undefined
          : replySpec(str(startBlock['response_path']), replies),
    },
    end: endBlock && { request: request(endBlock, defaults, 'POST') },
    cookies: written['cookies'] !== false,
    retry: retry(written['retries']),
    followRedirects: followRedirects(written['follow_redirects']),
    maxResponseBytes: maxResponseBytes(written['max_response_bytes']),
    parts: partPaths(written),
    fetchLinks: written['fetch_links'] === true,
    mediaTokens: mediaTokens(written['media_tokens']),
    audio: audioSpec(rec(written['audio']), defaults, send.request),
    history: history && { system: str(history['system']) },
    parameters: declared,
    values,
  };
  return { spec, warnings };
}
