import { randomUUID } from 'node:crypto';
import { createHttpFetch } from '../net/http-fetch.ts';
import { connectorRequests, specProblems } from './check-spec.ts';
import { ConnectorConfigError } from './errors.ts';
import { HttpChatSession } from './http-session.ts';
import { createRedactor, isSecretHeader } from '../base/redaction.ts';
import { renderRequest } from './render-request.ts';
import { checkTemplateSyntax, envReferences, renderString } from './template.ts';
import type { ChatbotConnector, ConnectorSpec, RequestTemplate } from './types.ts';

export interface ConnectorOptions {
  /** Where `{{env.NAME}}` comes from (default: process.env). */
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
  /** Makes client-side conversation ids; inject a seeded one for reproducible runs. */
  readonly newId?: (() => string) | undefined;
  /** Replaces simsim's own fetch (which applies the connector's size cap and redirect policy). */
  readonly fetch?: typeof fetch | undefined;
}

function templateStrings(template: RequestTemplate, where: string): Array<[string, string]> {
  const out: Array<[string, string]> = [
    [`${where}.url`, template.baseUrl],
    [`${where}.path`, template.path],
  ];
  for (const [name, value] of Object.entries(template.headers)) out.push([`${where}.headers.${name}`, value]);
  const walk = (value: unknown, at: string): void => {
    if (typeof value === 'string') out.push([at, value]);
    else if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${at}[${i}]`));
    else if (typeof value === 'object' && value !== null)
      for (const [k, v] of Object.entries(value)) walk(v, `${at}.${k}`);
  };
  walk(template.body, `${where}.payload`);
  return out;
}

/**
 * Checks what can be checked before the first call (template syntax, environment variables,
 * parameters the templates use, the addresses and paths as the parameters made them) and
 * collects the secrets to redact and the headers that carry them.
 */
function prepare(
  spec: ConnectorSpec,
  env: Readonly<Record<string, string | undefined>>,
): { secrets: string[]; privateHeaders: string[]; chatbotUrl: string } {
  const secrets = new Set<string>();
  const strings = connectorRequests(spec).flatMap(([where, t]) => templateStrings(t, where));
  if (spec.history?.system !== undefined) strings.push(['history.system', spec.history.system]);
  for (const [field, text] of strings) {
    try {
      checkTemplateSyntax(text);
    } catch (error) {
      throw new ConnectorConfigError(
        `connector ${spec.name}: the template in ${field} does not parse: ${(error as Error).message.split('\n')[0] ?? ''}`,
      );
    }
    for (const name of envReferences(text)) {
      const value = env[name];
      if (value === undefined || value === '') {
        throw new ConnectorConfigError(
          `connector ${spec.name} needs the environment variable ${name} (used in ${field}), which is not set`,
          {
            hint: `Set it before running: export ${name}=...`,
          },
        );
      }
      secrets.add(value);
    }
  }
  for (const p of spec.parameters) {
    const value = spec.values[p.name];
    if (p.secret && (typeof value === 'string' || typeof value === 'number')) secrets.add(String(value));
  }
  const dry = {
    ...spec.values,
    env,
    conversation_id: 'conversation-id',
    turn: 1,
    user_message: 'hello',
    button_payload: '',
    button_title: '',
    history: [],
  };
  const privateHeaders = new Set<string>();
  for (const [where, template] of connectorRequests(spec)) {
    let call;
    try {
      call = renderRequest(template, dry);
    } catch (error) {
      const message = (error as Error).message.replace(/ in \[object Object\]/, '').split('\n')[0] ?? '';
      const hint = message.includes('not defined')
        ? 'A {{name}} in the connector is neither a declared parameter nor one of user_message, conversation_id, turn, history, env.NAME.'
        : undefined;
      throw new ConnectorConfigError(`connector ${spec.name}: the ${where} request cannot be built: ${message}`, {
        hint,
      });
    }
    for (const [name, value] of Object.entries(call.headers)) if (isSecretHeader(name)) secrets.add(value);
    for (const [name, value] of Object.entries(call.headers)) {
      const written = template.headers[name] ?? '';
      if (
        isSecretHeader(name) ||
        envReferences(written).length > 0 ||
        [...secrets].some((secret) => secret.length > 0 && value.includes(secret))
      )
        privateHeaders.add(name);
    }
  }
  const problem = specProblems(spec, { context: dry, envKnown: true, redact: createRedactor(secrets) })[0];
  if (problem !== undefined)
    throw new ConnectorConfigError(`connector ${spec.name}: ${problem.message}`, { hint: problem.hint });
  if (spec.history?.system !== undefined) {
    try {
      renderString(spec.history.system, dry);
    } catch (error) {
      throw new ConnectorConfigError(
        `connector ${spec.name}: history.system cannot be rendered: ${(error as Error).message.split('\n')[0] ?? ''}`,
      );
    }
  }
  let chatbotUrl = '';
  try {
    chatbotUrl = renderRequest(spec.send.request, dry).url;
  } catch {
    // Reported above: a send request that cannot be built never gets here.
  }
  return { secrets: [...secrets], privateHeaders: [...privateHeaders], chatbotUrl };
}

/**
 * A conversation's own values (a test case's `context`) over the run's, for the parameters the
 * connector declares; the others have no template to go into and are left out.
 */
function withConversationValues(
  spec: ConnectorSpec,
  values: Readonly<Record<string, unknown>> | undefined,
): ConnectorSpec {
  if (values === undefined) return spec;
  const declared = Object.entries(values).filter(([name]) => spec.parameters.some((p) => p.name === name));
  return declared.length === 0 ? spec : { ...spec, values: { ...spec.values, ...Object.fromEntries(declared) } };
}

/** Builds a connector from a normalised spec; throws ConnectorConfigError for what it can see is wrong. */
export function createConnector(spec: ConnectorSpec, options: ConnectorOptions = {}): ChatbotConnector {
  const env = options.env ?? process.env;
  const { secrets, privateHeaders, chatbotUrl } = prepare(spec, env);
  const redact = createRedactor(secrets);
  const newId = options.newId ?? randomUUID;
  const fetch =
    options.fetch ??
    createHttpFetch({ maxResponseBytes: spec.maxResponseBytes, redirects: spec.followRedirects, privateHeaders });
  const audio = spec.audio;
  const audioFetch =
    audio === undefined
      ? undefined
      : (options.fetch ??
        createHttpFetch({ maxResponseBytes: audio.maxResponseBytes, redirects: spec.followRedirects, privateHeaders }));
  return {
    name: spec.name,
    source: spec.source,
    secrets,
    redact,
    speaks: audio !== undefined,
    audioFormat: audio?.format,
    media: {
      chatbotUrl,
      fetchLinks: spec.fetchLinks,
      timeoutMs: spec.send.request.timeoutMs,
      maxResponseBytes: spec.maxResponseBytes,
      redirects: spec.followRedirects,
      maxTokens: spec.mediaTokens,
    },
    open: (openOptions) =>
      Promise.resolve(
        new HttpChatSession({
          spec: withConversationValues(spec, openOptions?.parameters),
          env,
          redact,
          newId,
          fetch,
          audioFetch,
          signal: openOptions?.signal,
        }),
      ),
  };
}
