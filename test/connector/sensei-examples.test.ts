import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createConnector } from '../../src/connector/create-connector.ts';
import { loadConnectorSpec } from '../../src/connector/registry.ts';
import { BUILTIN_DIRS } from '../../src/base/package-paths.ts';
import { validateConnectorFile } from '../../src/connector/validate-file.ts';
import { readYamlFile } from '../../src/yaml/source-file.ts';
import { describeWithSenseiCorpus, SENSEI_DIR } from '../helpers/sensei-corpus.ts';

const RELATED = join(SENSEI_DIR, '_related');

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}

const builtins = yamlFiles(BUILTIN_DIRS.connectors);

describe('our built-in connector files', () => {
  it('are all there', () => {
    expect(builtins.length).toBeGreaterThanOrEqual(7);
  });

  it.each(builtins.map((f) => [relative(BUILTIN_DIRS.connectors, f), f]))('%s validates', async (_name, file) => {
    const source = await readYamlFile(file, file);
    expect(validateConnectorFile(source).filter((d) => d.severity === 'error')).toEqual([]);
  });
});

describeWithSenseiCorpus("connector files from Sensei's world", () => {
  const connectorExamples = yamlFiles(RELATED).filter((f) => f.includes('yaml-examples'));

  it('finds the examples', () => {
    expect(connectorExamples.map((f) => relative(RELATED, f)).sort()).toEqual([
      'Chatbot-TRACER__chatbot-connectors/yaml-examples/ada-uam.yml',
      'Chatbot-TRACER__chatbot-connectors/yaml-examples/metro-madrid.yml',
      'Chatbot-TRACER__chatbot-connectors/yaml-examples/postman-echo.yml',
    ]);
  });

  it.each(connectorExamples.map((f) => [relative(join(RELATED, '..', '..'), f), f]))(
    '%s validates and loads',
    async (_name, file) => {
      const source = await readYamlFile(file, file);
      expect(validateConnectorFile(source).filter((d) => d.severity === 'error')).toEqual([]);
      const { spec } = await loadConnectorSpec({ connector: file, baseDir: '/' });
      const connector = createConnector(spec, { env: {} });
      expect(connector.name).toBe((source.value as { name: string }).name);
      expect(spec.send.request.body).toBeDefined();
    },
  );

  it('reads the successor format as written: {user_msg} placement and the response path', async () => {
    const { spec } = await loadConnectorSpec({
      connector: join(RELATED, 'Chatbot-TRACER__chatbot-connectors/yaml-examples/metro-madrid.yml'),
      baseDir: '/',
    });
    expect(spec.send.request).toMatchObject({
      method: 'POST',
      baseUrl: 'https://kdcaapi.metromadrid.es',
      path: '/api/KDCA/WidgetMessage',
    });
    expect(spec.send.request.body).toMatchObject({ data: { content: '{{user_message}}', buttonId: null } });
    expect(spec.send.reply.path).toBe('messages.0.content');
  });
});
