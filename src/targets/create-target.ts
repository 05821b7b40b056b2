import { ConnectorConfigError } from '../connector/errors.ts';
import { createJsTarget } from './js-target.ts';
import { createPythonTarget } from './python-target.ts';
import { parseTargetSpec } from './target-spec.ts';
import type { TargetConnector, TargetOptions } from './types.ts';

/** `--target ./agent.mjs#reply` or `./agent.py:reply` → a connector; a bad spec or file is a configuration error (exit 2). */
export async function loadTarget(text: string, options: TargetOptions): Promise<TargetConnector> {
  const parsed = parseTargetSpec(text);
  if (!parsed.ok) throw new ConnectorConfigError(`--target ${parsed.message}`, { hint: parsed.hint });
  return parsed.spec.kind === 'javascript'
    ? createJsTarget(parsed.spec, options)
    : createPythonTarget(parsed.spec, options);
}
