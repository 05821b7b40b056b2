import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, it } from 'vitest';
import { loadCatalogForTests } from '../helpers/catalog.ts';
import { describeWithSenseiCorpus, SENSEI_DIR } from '../helpers/sensei-corpus.ts';
import { planProfile, resolveProfileValues } from '../../src/variables/plan-profile.ts';
import { normalizeProfile } from '../../src/load/profile/normalize.ts';
import { validateProfile } from '../../src/load/profile/validate-profile.ts';
import { readYamlFile } from '../../src/yaml/source-file.ts';

const EXAMPLES = join(SENSEI_DIR, 'user_profile_examples');

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = join(dir, name);
      return statSync(full).isDirectory() ? yamlFiles(full) : /\.ya?ml$/.test(name) ? [full] : [];
    });
}

describeWithSenseiCorpus('plan over the Sensei example profiles that have variables', () => {
  /** Sensei example profiles with goal variables; the ones simsim cannot plan must be invalid. */
  const WITH_VARIABLES = yamlFiles(EXAMPLES).filter((file) => /function:/.test(readFileSync(file, 'utf8')));

  it('finds them', () => {
    expect(WITH_VARIABLES.length).toBeGreaterThanOrEqual(10);
  });

  it.each(WITH_VARIABLES.map((file) => [relative(EXAMPLES, file), file]))('%s', async (name, file) => {
    const catalog = await loadCatalogForTests(EXAMPLES);
    const source = await readYamlFile(file, name);
    const { diagnostics, profile, model } = await validateProfile(source, file, catalog);
    const errors = diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0) {
      // Legacy formats and list-function files the corpus does not include: not plannable, and said so.
      expect(errors.map((d) => d.code)).toMatchSnapshot();
      return;
    }
    const typed = await normalizeProfile(profile!, { absPath: file, file: source, catalog, model: model! });
    const { values, diagnostics: planning } = await resolveProfileValues(typed, {
      seed: 2024,
      projectDir: EXAMPLES,
      clock: () => new Date('2024-11-05T12:00:00Z'),
    });
    expect(planning).toEqual([]);
    const plan = await planProfile(typed, values!);
    await expect(`${JSON.stringify(plan, null, 2)}\n`).toMatchFileSnapshot(
      `./__snapshots__/sensei-examples/${name.replace(/[\\/]/g, '__').replace(/\.ya?ml$/, '')}.json`,
    );
  });
});
