import type { Diagnostic } from '../../base/diagnostics/diagnostic.ts';
import { structural } from '../../schema/structural.ts';
import type { SourceFile } from '../../yaml/source-file.ts';
import { checkRuleExpressions, type ExpressionCheckOptions } from './check-rule-expressions.ts';

export function validateRuleFile(file: SourceFile, options: ExpressionCheckOptions = {}): Diagnostic[] {
  const { sink, value } = structural('rule', file);
  if (!value) return sink.items;
  sink.items.push(...checkRuleExpressions(file, value, options));
  if (!('then' in value) && !('oracle' in value)) {
    sink.error('rule-invalid', [], 'the rule has nothing to check: add `then:` (or its alias `oracle:`)', {
      key: true,
    });
  }
  if ('then' in value && 'oracle' in value) {
    sink.error('rule-invalid', ['oracle'], '`then` and `oracle` are the same; keep one', { key: true });
  }
  return sink.items;
}
