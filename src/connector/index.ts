/** The connector module's public surface: what the engine and the CLI import. */
export type {
  ChatbotConnector,
  ChatSession,
  ConnectorError,
  ConnectorErrorCode,
  ConnectorSpec,
  Reply,
} from './types.ts';
export { createConnector, type ConnectorOptions } from './create-connector.ts';
export { ConnectorConfigError } from './errors.ts';
export { parseConnectorParameters } from './parameters.ts';
export { createRedactor, redactHeaders, REDACTED } from '../base/redaction.ts';
export {
  DEFAULT_TECHNOLOGY,
  listTechnologies,
  loadConnectorSpec,
  type ConnectorSelection,
  type TechnologyInfo,
} from './registry.ts';

import { createConnector, type ConnectorOptions } from './create-connector.ts';
import { loadConnectorSpec, type ConnectorSelection } from './registry.ts';
import type { ChatbotConnector, ConnectorSpec } from './types.ts';

/** Reads the connector a command selected and builds it: the one call most callers need. */
export async function loadConnector(
  selection: ConnectorSelection,
  options: ConnectorOptions = {},
): Promise<{
  connector: ChatbotConnector;
  spec: ConnectorSpec;
  warnings: readonly string[];
  technology: string | undefined;
}> {
  const { spec, warnings, technology } = await loadConnectorSpec(selection);
  return { connector: createConnector(spec, options), spec, warnings, technology };
}
