import { pathProblem } from './json-path.ts';
import { renderRequest } from './render-request.ts';
import { envReferences, type TemplateContext } from './template.ts';
import type { ConnectorSpec, ReplySpec, RequestTemplate } from './types.ts';

export interface SpecProblem {
  readonly code: 'connector-url' | 'connector-header' | 'connector-path';
  readonly message: string;
  readonly hint?: string | undefined;
}

/** Characters no HTTP header value may hold (Node refuses to send them): CR, LF, NUL and other controls but tab. */
// eslint-disable-next-line no-control-regex
export const BAD_HEADER_VALUE = /[\u0000-\u0008\u000a-\u001f\u007f]/;
/** An HTTP header name: a token. */
export const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Why a text is not a full http(s) address, or undefined when it is one. */
export function urlProblem(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return 'is not an address';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return `starts with ${url.protocol} where http:// or https:// is needed`;
  return undefined;
}

export const URL_HINT =
  'Write a full address with its scheme, e.g. http://localhost:5000 (the path goes in send_message.path).';

export function connectorRequests(spec: ConnectorSpec): Array<[string, RequestTemplate]> {
  const out: Array<[string, RequestTemplate]> = [['send_message', spec.send.request]];
  if (spec.start) out.push(['start', spec.start.request]);
  if (spec.end) out.push(['end', spec.end.request]);
  if (spec.audio) out.push(['audio', spec.audio.request]);
  return out;
}

function replyPaths(reply: ReplySpec, where: string): Array<[string, string | undefined]> {
  return [
    [where, reply.path],
    ['replies.text_path', reply.textPath],
    ['replies.buttons_path', reply.buttonsPath],
  ];
}

export interface SpecCheckOptions {
  /** Values the templates are rendered with (parameters, env, a sample turn). */
  readonly context: TemplateContext;
  /** False at validation time, when the environment is not the run's: templates that read it are not checked. */
  readonly envKnown: boolean;
  readonly redact?: ((text: string) => string) | undefined;
}

/**
 * What is wrong with a connector once its parameters are in: addresses that are not http(s),
 * header values that cannot be sent, paths that do not parse. The file's own mistakes are
 * reported with their position by validation; these come from the values given to it.
 */
export function specProblems(spec: ConnectorSpec, options: SpecCheckOptions): SpecProblem[] {
  const out: SpecProblem[] = [];
  const redact = options.redact ?? ((text: string) => text);
  for (const [where, template] of connectorRequests(spec)) {
    const readsEnv = (text: string) => envReferences(text).length > 0;
    let call;
    try {
      call = renderRequest(template, options.context);
    } catch {
      // A template that does not render is reported by the caller, with Handlebars' message.
      continue;
    }
    if (options.envKnown || !(readsEnv(template.baseUrl) || readsEnv(template.path))) {
      const problem = urlProblem(call.url);
      if (problem !== undefined)
        out.push({
          code: 'connector-url',
          message: `the ${where} address \`${redact(call.url)}\` ${problem}`,
          hint: URL_HINT,
        });
    }
    for (const [name, value] of Object.entries(call.headers)) {
      if (!HEADER_NAME.test(name))
        out.push({
          code: 'connector-header',
          message: `the header name \`${name}\` in ${where} is not a valid HTTP header name`,
          hint: 'A header name is letters, digits and - (e.g. X-Api-Key).',
        });
      else if ((options.envKnown || !readsEnv(template.headers[name] ?? '')) && BAD_HEADER_VALUE.test(value)) {
        out.push({
          code: 'connector-header',
          message: `the header ${name} of ${where} has a line break or control character in its value`,
          hint: 'Header values are one line: check the parameter or environment variable it is built from (a trailing newline from a file is a common cause).',
        });
      }
    }
  }
  const paths: Array<[string, string | undefined]> = [
    ...replyPaths(spec.send.reply, 'response_path'),
    ['request_key', spec.send.request.messageKey],
    ['start.conversation_id_path', spec.start?.idPath],
    ['links_path', spec.parts.links],
    ['images_path', spec.parts.images],
    ['files_path', spec.parts.files],
    ['buttons_path', spec.parts.buttons],
    ['audio.field', spec.audio?.sendAs === 'base64' ? spec.audio.field : undefined],
    ['audio.audio_path', spec.audio?.audioPath],
    ['audio.transcript_path', spec.audio?.transcriptPath],
    ['audio.heard_path', spec.audio?.heardPath],
    ...(spec.start?.greeting ? replyPaths(spec.start.greeting, 'start.response_path') : []),
  ];
  for (const [where, path] of paths) {
    if (path === undefined) continue;
    const problem = pathProblem(path);
    if (problem !== undefined)
      out.push({ code: 'connector-path', message: `${where} \`${path}\`: ${problem.message}`, hint: problem.hint });
  }
  return out;
}
