import { SimsimError } from '../base/errors.ts';

/** A connector that cannot be built: bad file, unknown technology, wrong parameters. Exit 2. */
export class ConnectorConfigError extends SimsimError {
  readonly code = 'SIMSIM_CONNECTOR_CONFIG';
  readonly scope = 'run';
  override readonly name = 'ConnectorConfigError';
}
