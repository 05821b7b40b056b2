import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, it } from 'vitest';
import { validateProject } from '../../src/app/validate-project.ts';
import { describeWithSenseiCorpus, SENSEI_DIR } from '../helpers/sensei-corpus.ts';

const SENSEI = SENSEI_DIR;
const EXAMPLES = join(SENSEI, 'user_profile_examples');

/**
 * The verdict for every real Sensei profile: the error codes simsim reports (an empty list means
 * valid). Files that are invalid for Sensei too are legacy formats or reference a list-function
 * file the corpus does not include.
 */
const VERDICTS: Record<string, string[]> = {
  'academic_helper/academic_helper.yml': [],
  'ada/ada_erasmus.yml': [],
  'ada/ada_normal.yml': [],
  'ada/ada_off_topics.yml': [],
  'ada/ada_very_long.yml': [],
  'bartender/taskyto_bartender.yml': [],
  'bikeshop/eval/appointment.yml': [],
  'bikeshop/eval/qa.yml': [],
  'bikeshop/user_sim_bikesqa.yml': [],
  'catalina/catalina_ibi.yml': [],
  'catalina/catalina_off_topic.yml': [],
  'catalina/catalina_padron.yml': [],
  'lola/lola_erasmus.yml': [],
  'lola/lola_normal.yml': [],
  'lola/lola_off_topics.yml': [],
  'lola/lola_very_long.yml': ['legacy-key'],
  'millie/millie_english.yml': [],
  'millie/millie_normal.yml': [],
  'millie/millie_offtopics.yml': ['legacy-key'],
  'photography/eval/provide_estimates.yml': [],
  'photography/eval/qa.yml': [],
  'photography/eval/qa2.yml': [],
  'photography/eval/set_photo_appointment_with_email.yml': [],
  'photography/eval/set_photo_appointment.yml': [],
  'photography/user_sim_photography.yml': ['legacy-key'],
  'pizza-order/user_sim_pizzaorder_custom.yml': [],
  'pizza-order/user_sim_pizzaorder_predefined.yml': ['var-list-function'],
  'pizza-order-evaluation/eval/custom_pizza.yml': ['legacy-key'],
  'pizza-order-evaluation/eval/pizza_qa.yml': [],
  'pizza-order-evaluation/eval/predefined_pizza.yml': [],
  'pizza-order-evaluation/user_sim_pizzaorder_predefined_article.yml': [],
  'saic_malaga/saic_malaga_descubrir_tramites.yml': [],
  'saic_malaga/saic_malaga_multa.yml': [],
  'saic_malaga/saic_malaga_offtopic.yml': ['legacy-key'],
  'saic_malaga/saic_malaga_padron.yml': ['legacy-key'],
  'serviceform/change_language.yml': [],
  'serviceform/deviate_topics.yml': [],
  'serviceform/direct_plan.yml': [],
  'serviceform/user_sim_serviceform.yml': [],
};

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
    .map((e) => relative(EXAMPLES, join(e.parentPath, e.name)))
    .sort();
}

describeWithSenseiCorpus('the Sensei profile corpus', () => {
  it('has a verdict for every profile file', () => {
    expect(yamlFiles(EXAMPLES)).toEqual(Object.keys(VERDICTS).sort());
  });

  it('validates every file without crashing and with the expected verdict', async () => {
    const result = await validateProject({ projectDir: SENSEI, profiles: [EXAMPLES], cwd: EXAMPLES });
    const errorsByFile = new Map<string, Set<string>>();
    for (const d of result.diagnostics) {
      if (d.severity !== 'error') continue;
      const codes = errorsByFile.get(d.file) ?? new Set<string>();
      codes.add(d.code);
      errorsByFile.set(d.file, codes);
    }
    const verdicts = Object.fromEntries(
      result.files
        .filter((f) => f.kind === 'profile')
        .map((f) => [f.path, [...(errorsByFile.get(f.path) ?? [])].sort()]),
    );
    expect(verdicts).toEqual(VERDICTS);
  });

  it('says why and how to fix each file that Sensei cannot load either', async () => {
    const result = await validateProject({ projectDir: SENSEI, profiles: [EXAMPLES], cwd: EXAMPLES });
    const legacy = result.diagnostics.filter((d) => d.code === 'legacy-key');
    expect(legacy.length).toBeGreaterThan(0);
    for (const d of legacy) {
      expect(d.message).toMatch(/old name|2024 profile format|single map/);
      expect(d.hint).toMatch(/Rename|Move|Write one map/);
    }
    const listForm = result.diagnostics.find(
      (d) => d.file === 'millie/millie_offtopics.yml' && d.code === 'legacy-key',
    );
    expect(listForm).toMatchObject({ line: 34, column: 1 });
    expect(listForm?.hint).toContain('remove the `- `');
  });

  it('resolves the personalities the corpus profiles reference by path', async () => {
    const result = await validateProject({ projectDir: SENSEI, profiles: [EXAMPLES], cwd: EXAMPLES });
    expect(result.diagnostics.filter((d) => d.code === 'personality-unresolved')).toEqual([]);
  });
});

describeWithSenseiCorpus('the rest of the Sensei corpus', () => {
  it('loads its personalities and rules with no error (PyYAML leniencies become warnings)', async () => {
    const result = await validateProject({ projectDir: SENSEI, cwd: SENSEI });
    const kinds = new Set(result.files.map((f) => f.kind));
    expect(kinds).toEqual(new Set(['personality', 'rule']));
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const leniency = result.diagnostics.filter((d) => d.code === 'yaml-syntax');
    expect(leniency.map((d) => [d.file, d.line, d.severity])).toEqual([
      ['personalities/conversational-user.yml', 3, 'warning'],
      ['personalities/skeptical-user.yml', 3, 'warning'],
    ]);
  });

  it('reads the personalities that carry a name key', async () => {
    const { readYamlFile } = await import('../../src/yaml/source-file.ts');
    const { validatePersonalityFile } = await import('../../src/load/validate-files.ts');
    const dir = join(SENSEI, 'personalities-with-name');
    for (const name of readdirSync(dir)) {
      const source = await readYamlFile(join(dir, name), name);
      expect(validatePersonalityFile(source).filter((d) => d.severity === 'error')).toEqual([]);
      expect(source.value).toMatchObject({ name: name.replace(/\.yml$/, '') });
    }
  });

  it('keeps the text of a quoted sentence whose continuation PyYAML accepts', async () => {
    const { readYamlFile } = await import('../../src/yaml/source-file.ts');
    const source = await readYamlFile(join(SENSEI, 'personalities', 'conversational-user.yml'), 'x.yml');
    expect((source.value as { context: string[] }).context[0]).toBe(
      "you'll have a natural and friendly conversation with the chatbot, beyond obtaining specific information or providing the required information by the chatbot.",
    );
  });
});
