import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { migrateProfileText } from '../../src/migrate/migrate-profile.ts';
import { validateProject } from '../../src/app/validate-project.ts';
import { describeWithSenseiCorpus, SENSEI_DIR } from '../helpers/sensei-corpus.ts';

/** Every real Sensei profile the validator reports as a legacy format (see test/validate/sensei-corpus.test.ts). */
const LEGACY = [
  'chatbots/taskyto/pizza-shop/pizza-shop_user_profile.yaml',
  'user_profile_examples/lola/lola_very_long.yml',
  'user_profile_examples/millie/millie_offtopics.yml',
  'user_profile_examples/photography/user_sim_photography.yml',
  'user_profile_examples/pizza-order-evaluation/eval/custom_pizza.yml',
  'user_profile_examples/saic_malaga/saic_malaga_offtopic.yml',
  'user_profile_examples/saic_malaga/saic_malaga_padron.yml',
];

describeWithSenseiCorpus('simsim migrate on the real 2024-format Sensei profiles', () => {
  const dir = mkdtempSync(join(tmpdir(), 'simsim-migrate-corpus-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('rewrites every one into a profile the validator accepts', async () => {
    for (const file of LEGACY) {
      const result = migrateProfileText(readFileSync(join(SENSEI_DIR, file), 'utf8'), file);
      expect([file, result.status]).toEqual([file, 'migrated']);
      if (result.status === 'migrated') writeFileSync(join(dir, basename(file)), result.text);
    }
    const validation = await validateProject({ projectDir: SENSEI_DIR, profiles: [dir], cwd: dir });
    // The corpus's other files (rules, personalities) are checked too; the migrated profiles are what this is about.
    const profiles = validation.files.filter((f) => f.kind === 'profile');
    expect(profiles).toHaveLength(LEGACY.length);
    const paths = new Set(profiles.map((f) => f.path));
    expect(validation.diagnostics.filter((d) => d.severity === 'error' && paths.has(d.file))).toEqual([]);
  });
});
