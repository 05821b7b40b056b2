import type { Diagnostic, Severity } from '../../base/diagnostics/diagnostic.ts';
import type { DiagnosticCode } from '../../base/diagnostics/codes.ts';
import { closest } from '../../base/diagnostics/did-you-mean.ts';
import type { SourceFile } from '../../yaml/source-file.ts';
import { freeNames, nestedExpressionArguments } from '../expression/free-names.ts';
import { parseExpression } from '../expression/parser.ts';
import {
  CALLABLE_NAMES,
  CONDITION_HELPER_NAMES,
  CONVERSATION_NAMES,
  GLOBAL_HELPER_NAMES,
} from '../helpers/registry.ts';
import { scalarLocator, type ValueLocator } from './expression-location.ts';

/** The expression keys of a rule, in the order they are checked; `oracle` is `then`'s alias. */
export const EXPRESSION_KEYS = ['when', 'if', 'then', 'oracle', 'yields'] as const;

export interface ExpressionCheckOptions {
  /** The variables the project's profiles define; undefined skips the unknown-variable check. */
  readonly variables?: ReadonlySet<string> | undefined;
}

interface Found {
  readonly diagnostics: Diagnostic[];
}

function push(
  found: Found,
  file: SourceFile,
  locate: ValueLocator,
  at: { start: number; end: number },
  severity: Severity,
  code: DiagnosticCode,
  message: string,
  hint?: string,
  field?: string,
): void {
  const start = locate(at.start);
  const end = locate(Math.max(at.start, at.end));
  found.diagnostics.push({
    code,
    severity,
    message,
    file: file.path,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    hint,
    field,
  });
}

function checkSource(
  found: Found,
  file: SourceFile,
  key: string,
  source: string,
  locate: ValueLocator,
  base: number,
  options: ExpressionCheckOptions,
  kind: string,
): void {
  const parsed = parseExpression(source);
  const severity: Severity = key === 'yields' ? 'warning' : 'error';
  const report = (
    at: { start: number; end: number },
    level: Severity,
    code: DiagnosticCode,
    message: string,
    hint: string,
  ) => push(found, file, locate, at, level, code, message, hint, key);
  if (!parsed.ok) {
    for (const error of parsed.errors) {
      const hint =
        key === 'yields'
          ? 'yields is a Python expression, usually an f-string: yields: f"Wrong price: {price}"'
          : 'Rules are Python expressions, as in Sensei; see the README section on rules.';
      report(
        { start: base + error.start, end: base + error.end },
        severity,
        'rule-expression-syntax',
        `\`${key}\`: ${error.message}`,
        hint,
      );
    }
    return;
  }
  for (const use of freeNames(parsed.ast)) {
    const at = { start: base + use.start, end: base + use.end };
    if (use.called && !use.attributeOfConv) {
      if (CALLABLE_NAMES.has(use.name) || options.variables?.has(use.name)) {
        if (GLOBAL_HELPER_NAMES.has(use.name) && kind !== 'all') {
          report(
            at,
            'warning',
            'rule-unknown-function',
            `\`${use.name}()\` compares conversations, so it only works in a rule with \`conversations: all\``,
            'Set `conversations: all`, or use another helper.',
          );
        }
        continue;
      }
      const suggestion = closest(use.name, CALLABLE_NAMES);
      report(
        at,
        severity,
        'rule-unknown-function',
        `\`${key}\`: unknown function \`${use.name}()\`${suggestion ? ` (did you mean \`${suggestion}\`?)` : ''}`,
        "Rules can call Sensei's helpers, simsim's additions and Python builtins; see the README section on rules.",
      );
      continue;
    }
    if (options.variables === undefined) continue;
    if (CALLABLE_NAMES.has(use.name) || CONVERSATION_NAMES.has(use.name) || options.variables.has(use.name)) continue;
    const suggestion = closest(use.name, [...options.variables, ...CONVERSATION_NAMES]);
    const what = use.attributeOfConv ? `conv[...].${use.name}` : `\`${use.name}\``;
    report(
      at,
      'warning',
      'rule-unknown-variable',
      `\`${key}\`: no profile of the project defines the variable ${what}${suggestion ? ` (did you mean \`${suggestion}\`?)` : ''}, so the rule is not applicable to any conversation`,
      'Variables are the goal variables, the chatbot.output names (also as data_output_<name>) and the conversation settings of the profiles.',
    );
  }
  for (const nested of nestedExpressionArguments(parsed.ast, CONDITION_HELPER_NAMES)) {
    const literal = source.slice(nested.start, nested.end);
    // The condition's text starts after the literal's prefix and quote; escapes shift it only slightly.
    const quote = /^[a-zA-Z]*("""|'''|"|')/.exec(literal);
    const offset = nested.start + (quote ? quote[0].length : 1);
    checkSource(found, file, key, nested.source, locate, base + offset, options, kind);
  }
}

/**
 * Parses every expression of a rule (`when`, `if`, `then`/`oracle`, `yields`, and the condition
 * strings of `exists`/`num_exist`) and reports syntax errors, unknown functions and variables
 * no profile defines, at the line and column inside the expression.
 */
export function checkRuleExpressions(
  file: SourceFile,
  rule: Readonly<Record<string, unknown>>,
  options: ExpressionCheckOptions = {},
): Diagnostic[] {
  const found: Found = { diagnostics: [] };
  const kind = rule['conversations'] === 'all' ? 'all' : 'other';
  for (const key of EXPRESSION_KEYS) {
    const source = rule[key];
    if (typeof source !== 'string') continue;
    const locate = scalarLocator(file, key);
    if (!locate) continue;
    checkSource(found, file, key, source, locate, 0, options, kind);
  }
  return found.diagnostics;
}
