import { relative } from 'node:path';
import type { Diagnostic } from '../../base/diagnostics/diagnostic.ts';
import { validateRuleFile } from './validate-rule-file.ts';
import { asRecord } from '../../base/access.ts';
import { locate } from '../../yaml/locate.ts';
import { readYamlFile } from '../../yaml/source-file.ts';
import type { Expr } from '../expression/ast.ts';
import { parseExpression } from '../expression/parser.ts';
import { findYamlFiles } from '../discover-files.ts';

export type RuleKind = 'single' | 'pairwise' | 'global';

/** A rule file, parsed: Sensei's fields with their expressions ready to evaluate. */
export interface Rule {
  readonly file: string;
  readonly name: string;
  readonly description: string | undefined;
  readonly kind: RuleKind;
  /** As written: 1, 2 (any other int is pairwise too) or 'all'. */
  readonly conversations: number | 'all';
  readonly active: boolean;
  /** Absent means `True`. */
  readonly when: Expr | undefined;
  readonly if: Expr | undefined;
  readonly then: Expr;
  /** The message of a failure; `yieldsText` when it is not a valid expression. */
  readonly yields: Expr | undefined;
  readonly yieldsText: string | undefined;
  /** Where `name:` is, for duplicate-name warnings. */
  readonly line: number;
  readonly column: number;
}

export interface LoadedRules {
  /** Every rule of the files, inactive ones included, in file order. */
  readonly rules: readonly Rule[];
  readonly diagnostics: readonly Diagnostic[];
}

function kindOf(conversations: number | 'all'): RuleKind {
  if (conversations === 'all') return 'global';
  return conversations === 1 ? 'single' : 'pairwise';
}

function conversationsOf(value: unknown): number | 'all' {
  if (value === undefined || value === null) return 1;
  if (value === 'all') return 'all';
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isInteger(n) ? n : 1;
}

function parsed(value: unknown): Expr | undefined {
  if (typeof value !== 'string') return undefined;
  const result = parseExpression(value);
  return result.ok ? result.ast : undefined;
}

/**
 * Reads the rule files of a `--rules` path (a file or a folder) and validates them like
 * `simsim validate` does. Files with errors give diagnostics and no rule.
 */
export async function loadRules(path: string, cwd: string, variables?: ReadonlySet<string>): Promise<LoadedRules> {
  const files = await findYamlFiles(path, 'rules path');
  const rules: Rule[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const absPath of files) {
    const display = relative(cwd, absPath) || absPath;
    const source = await readYamlFile(absPath, display);
    const found = validateRuleFile(source, { variables });
    diagnostics.push(...found);
    if (found.some((d) => d.severity === 'error')) continue;
    const value = asRecord(source.value);
    if (!value) continue;
    const then = parsed(value['oracle'] ?? value['then']);
    if (!then) continue;
    const conversations = conversationsOf(value['conversations']);
    const yieldsText = typeof value['yields'] === 'string' ? value['yields'] : undefined;
    const at = locate(source, ['name']).start;
    rules.push({
      file: display,
      name: String(value['name']),
      description: typeof value['description'] === 'string' ? value['description'] : undefined,
      kind: kindOf(conversations),
      conversations,
      active: value['active'] !== false,
      when: parsed(value['when']),
      if: parsed(value['if']),
      then,
      yields: parsed(yieldsText),
      yieldsText,
      line: at.line,
      column: at.column,
    });
  }
  return { rules, diagnostics };
}
