import { fieldName, type FileDiagnostics } from '../yaml/file-diagnostics.ts';
import type { DocPath } from '../yaml/source-file.ts';
import { BAD_HEADER_VALUE, HEADER_NAME, URL_HINT, urlProblem } from './check-spec.ts';
import { pathProblem } from './json-path.ts';
import { MAX_BACKOFF_S, MAX_RETRIES, MAX_TIMEOUT_S } from './normalize.ts';
import { fromUserMsgPlaceholder, loadHandlebars, simpleTemplate, simpleTemplateVariables } from './template.ts';
import type { Rec } from '../base/access.ts';

/** Values every request template can use, besides the connector's own parameters. */
export const TEMPLATE_VARIABLES = [
  'user_message',
  'conversation_id',
  'turn',
  'history',
  'env',
  'button_payload',
  'button_title',
] as const;

const rec = (v: unknown): Rec | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Rec) : undefined;

function parameterNames(value: Rec): Set<string> {
  const raw = value['parameters'];
  return new Set(Array.isArray(raw) ? raw.map(String) : Object.keys(rec(raw) ?? {}));
}

/** First path segment of each variable a template reads (`env.TOKEN` → env), helpers excluded. */
function variablesOf(program: hbs.AST.Program): string[] {
  const out: string[] = [];
  const visitPath = (node: hbs.AST.Expression | undefined) => {
    if (node?.type === 'PathExpression') {
      const path = node as hbs.AST.PathExpression;
      if (path.data || path.original === 'this' || path.depth > 0) return;
      const head = path.parts[0];
      if (head !== undefined) out.push(head);
    }
  };
  const visit = (statements: hbs.AST.Statement[]) => {
    for (const statement of statements) {
      if (statement.type === 'MustacheStatement') {
        const m = statement as hbs.AST.MustacheStatement;
        if (m.params.length === 0) visitPath(m.path);
        m.params.forEach(visitPath);
      } else if (statement.type === 'BlockStatement') {
        const b = statement as hbs.AST.BlockStatement;
        b.params.forEach(visitPath);
        visit(b.program.body);
        if (b.inverse) visit(b.inverse.body);
      }
    }
  };
  visit(program.body);
  return out;
}

/**
 * Checks every `{{template}}` of a connector: it must parse, and name a declared parameter or
 * one of the values simsim provides. Run by `simsim validate`, before any call is made.
 */
export function checkConnectorTemplates(value: Rec, sink: FileDiagnostics): void {
  const known = new Set<string>([...TEMPLATE_VARIABLES, ...parameterNames(value)]);
  const walk = (node: unknown, path: DocPath): void => {
    if (typeof node === 'string') {
      if (!node.includes('{{')) return;
      const text = fromUserMsgPlaceholder(node);
      const simple = simpleTemplate(text);
      let variables: string[];
      if (simple !== undefined) variables = simpleTemplateVariables(simple);
      else {
        try {
          variables = variablesOf(loadHandlebars().parse(text));
        } catch (error) {
          sink.error(
            'connector-template',
            path,
            `this template does not parse: ${((error as Error).message.split('\n').at(-1) ?? '').trim()}`,
            {
              hint: 'Templates use {{name}}; write a literal {{ as \\{{.',
            },
          );
          return;
        }
      }
      for (const name of new Set(variables)) {
        if (!known.has(name)) {
          sink.error(
            'connector-template',
            path,
            `\`{{${name}}}\` is neither a parameter of this connector nor one of ${TEMPLATE_VARIABLES.join(', ')}`,
            {
              hint: `Declare it under \`parameters:\`, or use {{env.${name.toUpperCase()}}} for a value from the environment.`,
            },
          );
        }
      }
      return;
    }
    if (Array.isArray(node)) node.forEach((item, i) => walk(item, [...path, i]));
    else
      for (const [k, v] of Object.entries(rec(node) ?? {}))
        if (!(path.length === 0 && k === 'parameters')) walk(v, [...path, k]);
  };
  walk(value, []);
}

const REQUEST_BLOCKS = ['send_message', 'start', 'end', 'audio'] as const;
/** Keys of a request block that only `start` reads. */
const START_ONLY = ['conversation_id_path', 'response_path'] as const;
const ABSOLUTE_URL = /^[a-z][a-z\d+.-]*:\/\//i;

const isTemplate = (text: string): boolean => text.includes('{{') || /\{user_msg\}/.test(text);

/**
 * The settings of a connector that no schema can check: addresses, dotted paths, header
 * names and values, timeouts, and the keys each format cannot work without. Values under a
 * key that a Sensei-style `parameters:` list replaces are placeholders, so they are skipped.
 */
export function checkConnectorSettings(value: Rec, sink: FileDiagnostics): void {
  const replaced = new Set(Array.isArray(value['parameters']) ? value['parameters'].map(String) : []);
  const config = rec(value['config']);
  const sensei = config !== undefined || 'payload' in value;
  const at = (path: DocPath): unknown => path.reduce<unknown>((node, key) => rec(node)?.[String(key)], value);
  const checked = (path: DocPath): string | undefined => {
    const text = at(path);
    const key = path.at(-1);
    return typeof text === 'string' && !isTemplate(text) && !(typeof key === 'string' && replaced.has(key))
      ? text
      : undefined;
  };

  const urls: DocPath[] = [['base_url'], ['config', 'api_url'], ...REQUEST_BLOCKS.map((b): DocPath => [b, 'url'])];
  for (const path of urls) {
    const text = checked(path);
    const problem = text === undefined ? undefined : urlProblem(text);
    if (problem !== undefined)
      sink.error('connector-url', path, `\`${fieldName(path)}\` ${problem}: \`${text}\``, { hint: URL_HINT });
  }
  for (const block of REQUEST_BLOCKS) {
    const text = checked([block, 'path']);
    const problem = text !== undefined && ABSOLUTE_URL.test(text) ? urlProblem(text) : undefined;
    if (problem !== undefined)
      sink.error('connector-url', [block, 'path'], `\`${block}.path\` ${problem}: \`${text}\``, { hint: URL_HINT });
  }

  const paths: DocPath[] = [
    ['response_path'],
    ['config', 'response_key'],
    ['config', 'request_key'],
    ['start', 'conversation_id_path'],
    ['start', 'response_path'],
    ['replies', 'text_path'],
    ['replies', 'buttons_path'],
    ['links_path'],
    ['images_path'],
    ['files_path'],
    ['buttons_path'],
    ['audio', 'audio_path'],
    ['audio', 'transcript_path'],
    ['audio', 'heard_path'],
    ...(rec(value['audio'])?.['send_as'] === 'base64' ? [['audio', 'field'] as DocPath] : []),
  ];
  for (const path of paths) {
    const text = checked(path);
    const problem = text === undefined ? undefined : pathProblem(text);
    if (problem !== undefined)
      sink.error('connector-path', path, `\`${fieldName(path)}\`: ${problem.message}`, {
        hint: problem.hint,
        inScalar: { offset: problem.offset, length: problem.length },
      });
  }
  for (const block of ['send_message', 'end'] as const) {
    for (const key of START_ONLY) {
      if (rec(value[block])?.[key] !== undefined) {
        sink.warning('schema-unknown-key', [block, key], `\`${key}\` is read only in \`start\`; here it is ignored`, {
          key: true,
          hint:
            key === 'response_path'
              ? 'The reply of send_message is read with the top-level `response_path`.'
              : 'Move it to the `start` request.',
        });
      }
    }
  }

  for (const headersPath of [
    ['headers'],
    ['config', 'headers'],
    ...REQUEST_BLOCKS.map((b) => [b, 'headers']),
  ] as DocPath[]) {
    for (const [name, header] of Object.entries(rec(at(headersPath)) ?? {})) {
      const path = [...headersPath, name];
      if (!HEADER_NAME.test(name)) {
        sink.error('connector-header', path, `\`${name}\` is not a valid HTTP header name`, {
          key: true,
          hint: 'A header name is letters, digits and - (e.g. X-Api-Key), with no spaces or colon.',
        });
      } else if (typeof header === 'string' && BAD_HEADER_VALUE.test(header)) {
        sink.error(
          'connector-header',
          path,
          `the value of header \`${name}\` has a line break or control character, which HTTP does not allow`,
          {
            hint: 'A header value is one line: remove the line break (a `|` block or a "\\n" adds one).',
          },
        );
      }
    }
  }

  for (const timeoutPath of [
    ['timeout'],
    ['config', 'timeout'],
    ...REQUEST_BLOCKS.map((b) => [b, 'timeout']),
  ] as DocPath[]) {
    const timeout = at(timeoutPath);
    const values: Array<[DocPath, unknown]> = Array.isArray(timeout)
      ? timeout.map((v, i) => [[...timeoutPath, i], v])
      : [[timeoutPath, timeout]];
    for (const [path, seconds] of values) {
      if (typeof seconds !== 'number' || seconds <= 0) continue;
      if (!Number.isFinite(seconds) || seconds > MAX_TIMEOUT_S || seconds < 0.001) {
        sink.error(
          'schema-value',
          path,
          `\`${fieldName(path)}\` is ${String(seconds)} seconds; it must be between 0.001 and ${MAX_TIMEOUT_S} (an hour)`,
          {
            hint: 'The timeout is in seconds per request, e.g. `timeout: 30`; a chatbot that needs more than an hour to answer is treated as down.',
          },
        );
      }
    }
  }

  const retries = value['retries'];
  const attempts: [DocPath, unknown] =
    typeof retries === 'number' ? [['retries'], retries] : [['retries', 'attempts'], rec(retries)?.['attempts']];
  if (typeof attempts[1] === 'number' && attempts[1] > MAX_RETRIES) {
    sink.error('schema-value', attempts[0], `${String(attempts[1])} retries is more than ${MAX_RETRIES}`, {
      hint: 'Each retry waits twice as long as the one before; a few are enough for a chatbot that is briefly down.',
    });
  }
  const backoff = rec(retries)?.['backoff'];
  if (typeof backoff === 'number' && backoff > MAX_BACKOFF_S) {
    sink.error(
      'schema-value',
      ['retries', 'backoff'],
      `a backoff of ${String(backoff)} seconds is more than ${MAX_BACKOFF_S}`,
      {
        hint: 'The backoff is the wait in seconds before the first retry, doubled for each next one, e.g. `backoff: 0.5`.',
      },
    );
  }

  if (sensei) {
    if (config !== undefined && config['response_key'] === undefined) {
      sink.error(
        'schema-missing-key',
        ['config'],
        "`config` has no `response_key`: nothing says where the reply is in the chatbot's answer",
        {
          key: true,
          hint: 'Add `response_key:` with the dotted path of the reply text in the JSON answer, e.g. `response_key: reply` or `response_key: messages.-1.text`.',
        },
      );
    }
  } else if (('base_url' in value || 'response_path' in value) && !('send_message' in value)) {
    sink.error(
      'schema-missing-key',
      [],
      'the custom connector has no `send_message`: nothing says how a user message is sent',
      {
        key: true,
        hint: 'Add e.g. `send_message: {path: /chat, payload_template: {message: "{user_msg}"}}`.',
      },
    );
  }
}
