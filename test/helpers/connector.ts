import { createConnector, type ConnectorOptions } from '../../src/connector/create-connector.ts';
import { normalizeConnector } from '../../src/connector/normalize.ts';
import type { ParameterValues } from '../../src/connector/parameters.ts';
import type { ChatbotConnector } from '../../src/connector/types.ts';

/** A connector built from an inline connector file (as parsed YAML). */
export function connectorFor(
  written: Record<string, unknown>,
  params: ParameterValues = {},
  options: ConnectorOptions = {},
): ChatbotConnector {
  const env = options.env ?? {};
  const { spec } = normalizeConnector(written, 'test.yml', params, 'test', env);
  let n = 0;
  return createConnector(spec, { newId: () => `client-${++n}`, ...options, env });
}
