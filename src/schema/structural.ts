import { asRecord, type Rec } from '../base/access.ts';
import { FileDiagnostics } from '../yaml/file-diagnostics.ts';
import type { SourceFile } from '../yaml/source-file.ts';
import { validateDocument } from './validate-document.ts';
import type { SchemaKind } from './validators.ts';

const ROOT_NAMES: Record<SchemaKind, string> = {
  profile: 'the profile',
  run: 'run.yml',
  connector: 'the connector',
  type: 'the custom type',
  personality: 'the personality',
  rule: 'the rule',
  speech: 'the speech configuration',
};

/** Syntax and schema of one file; the semantic check of its kind runs on the result. */
export function structural(kind: SchemaKind, file: SourceFile): { sink: FileDiagnostics; value: Rec | undefined } {
  const sink = new FileDiagnostics(file);
  sink.items.push(...file.diagnostics);
  if (file.value === undefined) return { sink, value: undefined };
  if (!asRecord(file.value)) {
    sink.error('schema-type', [], `${ROOT_NAMES[kind]} must be a map of keys and values`);
    return { sink, value: undefined };
  }
  return { sink, value: asRecord(validateDocument(kind, file, sink, ROOT_NAMES[kind])) };
}
