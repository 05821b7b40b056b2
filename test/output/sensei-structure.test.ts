import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { senseiConversationYaml } from '../../src/output/sensei-conversation-yaml.ts';
import { statsReportYaml } from '../../src/output/stats-report.ts';
import { failedResult, pizzaResult } from '../helpers/conversation-fixtures.ts';
import { readSenseiYaml, shape } from '../helpers/yaml-shape.ts';
import { describeWithSenseiCorpus, SENSEI_DIR } from '../helpers/sensei-corpus.ts';

const OUTPUTS = join(SENSEI_DIR, 'outputs/');

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? yamlFiles(path) : name.endsWith('.yml') ? [path] : [];
  });
}

function keysOf(doc: unknown): string[] {
  return Object.keys(doc as object);
}

describeWithSenseiCorpus('our files have the structure of the real Sensei files', () => {
  /** The newest Sensei format in the corpus: conversations that record `total_cost($)`. */
  const realConversations = yamlFiles(OUTPUTS)
    .filter((f) => !f.includes('__report__'))
    .map((file) => ({ file, text: readFileSync(file, 'utf8') }))
    .filter(({ text }) => text.includes('total_cost($)'));

  it('finds the real files to compare with', () => {
    expect(realConversations.length).toBeGreaterThanOrEqual(3);
  });

  for (const { file, text } of realConversations) {
    it(`conversation YAML matches ${file.slice(OUTPUTS.length)}`, () => {
      const real = readSenseiYaml(text);
      const ours = readSenseiYaml(senseiConversationYaml(pizzaResult()));
      expect(ours).toHaveLength(real.length);
      expect(real).toHaveLength(3);
      for (let i = 0; i < 3; i += 1) expect(keysOf(ours[i])).toEqual(keysOf(real[i]));

      const [realMeta, realTiming, realInteraction] = real.map(shape) as Record<string, unknown>[];
      const [ourMeta, ourTiming, ourInteraction] = ours.map(shape) as Record<string, unknown>[];
      for (const key of ['serial', 'language', 'context', 'conversation', 'total_cost($)'])
        expect(ourMeta?.[key], key).toEqual(realMeta?.[key]);
      expect(ourTiming).toEqual(realTiming);
      expect(ourInteraction).toEqual(realInteraction);
      // ask_about: goal strings then single-key maps of picked values; ours uses the same items.
      expect((ourMeta?.['ask_about'] as { list: unknown[] }).list).toEqual(
        expect.arrayContaining((realMeta?.['ask_about'] as { list: unknown[] }).list.filter((s) => s === 'string')),
      );
    });
  }

  it('writes errors as single-key maps with integer codes, like the real files', () => {
    const real = realConversations.map(({ text }) => readSenseiYaml(text)[0] as Record<string, unknown>);
    const ours = readSenseiYaml(senseiConversationYaml(failedResult()))[0] as Record<string, unknown>;
    const realErrors = real.flatMap((doc) => doc['errors'] as Record<string, unknown>[]);
    expect(realErrors.length).toBeGreaterThan(0);
    for (const error of [...realErrors, ...(ours['errors'] as Record<string, unknown>[])]) {
      const entries = Object.entries(error);
      expect(entries).toHaveLength(1);
      expect(entries[0]?.[0]).toMatch(/^\d+$/);
      expect(typeof entries[0]?.[1]).toBe('string');
    }
    expect(ours['data_output']).toEqual([{ price: null }, { time: 'quarter past never' }, { order_id: null }]);
    expect(shape(ours['data_output'])).toEqual(shape(real[0]?.['data_output']));
  });

  it('reads back empty response times as .nan like Sensei writes them', () => {
    const [, timing] = readSenseiYaml(senseiConversationYaml(failedResult())) as Record<string, unknown>[];
    expect(timing?.['assistant response time']).toEqual([]);
    expect(timing?.['response time report']).toEqual({ average: NaN, max: NaN, min: NaN });
  });

  it('writes the stats report in the real report structure', () => {
    const realText = readFileSync(join(OUTPUTS, '__report__', 'report_2025-01-27-13-39-17.yml'), 'utf8');
    const real = readSenseiYaml(realText);
    const entries = [pizzaResult(), failedResult()].map((result) => ({
      result,
      folder: result.testName,
      fileName: `${result.index}_${result.testName}_${result.serial}.yml`,
    }));
    const ours = readSenseiYaml(statsReportYaml(entries));
    expect(ours).toHaveLength(2);
    expect(shape(ours[0])).toEqual(shape(real[0]));
    expect(shape(ours[1])).toEqual(shape(real[1]));
  });
});
