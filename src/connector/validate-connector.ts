import Handlebars from 'handlebars';
import type { FileDiagnostics } from '../diagnostics/file-diagnostics.ts';
import type { DocPath } from '../yaml/source-file.ts';
import { fromUserMsgPlaceholder } from './template.ts';

/** Values every request template can use, besides the connector's own parameters. */
export const TEMPLATE_VARIABLES = ['user_message', 'conversation_id', 'turn', 'history', 'env'] as const;

type Rec = Record<string, unknown>;
const rec = (v: unknown): Rec | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Rec) : undefined);

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
      let program: hbs.AST.Program;
      try {
        program = Handlebars.parse(fromUserMsgPlaceholder(node));
      } catch (error) {
        sink.error('connector-template', path, `this template does not parse: ${((error as Error).message.split('\n').at(-1) ?? '').trim()}`, {
          hint: 'Templates use {{name}}; write a literal {{ as \\{{.',
        });
        return;
      }
      for (const name of new Set(variablesOf(program))) {
        if (!known.has(name)) {
          sink.error('connector-template', path, `\`{{${name}}}\` is neither a parameter of this connector nor one of ${TEMPLATE_VARIABLES.join(', ')}`, {
            hint: `Declare it under \`parameters:\`, or use {{env.${name.toUpperCase()}}} for a value from the environment.`,
          });
        }
      }
      return;
    }
    if (Array.isArray(node)) node.forEach((item, i) => walk(item, [...path, i]));
    else for (const [k, v] of Object.entries(rec(node) ?? {})) if (!(path.length === 0 && k === 'parameters')) walk(v, [...path, k]);
  };
  walk(value, []);
}
