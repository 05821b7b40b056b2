import type { Diagnostic } from '../base/diagnostics/diagnostic.ts';
import { asRecord, asString } from '../base/access.ts';
import { structural } from '../schema/structural.ts';
import type { SourceFile } from '../yaml/source-file.ts';
import { checkConnectorSettings, checkConnectorTemplates } from './validate-connector.ts';

export function validateConnectorFile(file: SourceFile): Diagnostic[] {
  const { sink, value } = structural('connector', file);
  if (!value) return sink.items;
  const sensei = 'config' in value || 'payload' in value;
  const custom = 'base_url' in value || 'send_message' in value || 'response_path' in value;
  if (sensei && custom) {
    sink.error(
      'connector-format',
      [],
      "this connector mixes Sensei's format (config, payload) with the custom format (base_url, send_message, response_path); use one",
    );
  } else if (!sensei && !custom) {
    sink.error(
      'connector-format',
      [],
      'a connector needs `config: {api_url, ...}` (Sensei format) or `base_url` + `send_message` (custom format)',
    );
  } else if (sensei && !('config' in value)) {
    sink.error('schema-missing-key', [], 'the connector has a payload but no `config: {api_url, ...}`', { key: true });
  } else if (custom && !('base_url' in value) && asString(asRecord(value['send_message'])?.['url']) === undefined) {
    sink.error('schema-missing-key', [], 'the custom connector is missing `base_url` (or a full `send_message.url`)', {
      key: true,
    });
  }
  checkConnectorTemplates(value, sink);
  if (!(sensei && custom)) checkConnectorSettings(value, sink);
  return sink.items;
}
