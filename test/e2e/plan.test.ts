import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.ts';
import { tempDir } from '../helpers/temp-project.ts';

const PROJECT = 'test/fixtures/projects/planning';

interface PlanJson {
  seed: number;
  profiles: {
    file: string;
    ok: boolean;
    testName: string;
    count: number;
    countExplanation: string;
    conversations: { values: Record<string, unknown>; goalPhrase: string }[];
  }[];
}

describe('simsim plan', () => {
  it('is listed in --help', async () => {
    const result = await runCli(['--help']);
    expect(result.stdout).toMatch(/^\s+plan\b/m);
  });

  it('prints byte-identical JSON for the same seed, with counts, explanations and values', async () => {
    const first = await runCli(['plan', '--project', PROJECT, '--seed', '11', '--json']);
    const second = await runCli(['plan', '--project', PROJECT, '--seed', '11', '--json']);
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(second.stdout);
    const plan = JSON.parse(first.stdout) as PlanJson;
    expect(plan.seed).toBe(11);
    const [pizza, survey] = plan.profiles;
    expect(pizza?.count).toBe(9);
    expect(pizza?.conversations.map((c) => c.values['number'])).toEqual([1, 3, 5, 1, 3, 5, 1, 3, 5]);
    expect(pizza?.conversations.map((c) => c.values['pizza_type'])).toEqual([
      'hawaiian',
      'carbonara',
      'margarita',
      'hawaiian',
      'carbonara',
      'margarita',
      'hawaiian',
      'carbonara',
      'margarita',
    ]);
    expect(survey?.count).toBe(6);
    expect(survey?.countExplanation).toContain('rounded half to even = 6');
    const other = await runCli(['plan', '--project', PROJECT, '--seed', '12', '--json']);
    expect(other.stdout).not.toBe(first.stdout);
  });

  it('estimates the worst-case cost of each profile and of the run', async () => {
    const result = await runCli(['plan', '--project', PROJECT, '--seed', '11', '--json']);
    const plan = JSON.parse(result.stdout) as {
      profiles: { worstCase: { usd: number | null; calls: number; model: string } }[];
    };
    for (const profile of plan.profiles) {
      expect(profile.worstCase.calls).toBeGreaterThan(0);
      expect(profile.worstCase.usd).toBeGreaterThan(0);
    }
    const text = await runCli(['plan', '--project', PROJECT, '--seed', '11']);
    expect(text.stdout).toMatch(/worst-case cost: \$\d+\.\d{4}/);
    expect(text.stdout).toMatch(/worst-case cost of the run: \$\d+\.\d{4}/);
  });

  it('prices a model the build did not answer ahead from the price table the CLI carries', async () => {
    const dir = tempDir();
    await mkdir(join(dir, 'profiles'));
    const profile = (model: string) =>
      `test_name: t\nllm: {model: ${model}}\nuser:\n  role: a customer\n  goals: ["a pizza"]\nchatbot: {is_starter: false, fallback: sorry, output: []}\nconversation: {number: 1, goal_style: {steps: 2}, interaction_style: [default]}\n`;
    const usd = async (model: string) => {
      await writeFile(join(dir, 'profiles', 'p.yml'), profile(model));
      const result = await runCli(['plan', '--project', dir, '--seed', '1', '--json']);
      expect(result.code, result.stderr).toBe(0);
      return (JSON.parse(result.stdout) as { profiles: { worstCase: { usd: number | null } }[] }).profiles[0]?.worstCase
        .usd;
    };
    // o3's prices change with time, so the build leaves it to the table; gpt-4o-mini's it answers.
    expect(await usd('o3')).toBeGreaterThan(0);
    expect(await usd('gpt-4o-mini')).toBeGreaterThan(0);
    expect(await usd('no-such-model-xyz')).toBeNull();
  });

  it('picks a fresh seed when none is given, prints it on stderr and records it', async () => {
    const result = await runCli(['plan', '--project', PROJECT, '--json']);
    expect(result.code).toBe(0);
    const seed = /seed (\d+) \(repeat this plan with --seed \1\)/.exec(result.stderr)?.[1];
    expect(seed).toBeDefined();
    expect((JSON.parse(result.stdout) as PlanJson).seed).toBe(Number(seed));
  });

  it('prints a readable plan', async () => {
    const result = await runCli([
      'plan',
      '--project',
      PROJECT,
      '--profile',
      `${PROJECT}/profiles/survey.yml`,
      '--seed',
      '1',
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('survey_pairwise (test/fixtures/projects/planning/profiles/survey.yml)');
    expect(result.stdout).toContain('6 conversations: combinations(0.5)');
    expect(result.stdout).toMatch(/#1 {2}age=\d+ {2}city=\w+/);
    expect(result.stdout).toContain('6 conversations in 1 profile (seed 1)');
  });

  it('exits 2 on a bad seed, and on a profile that validate rejects, with the same diagnostics', async () => {
    expect((await runCli(['plan', '--project', PROJECT, '--seed', 'abc'])).code).toBe(2);
    const dir = tempDir('simsim-plan-');
    const bad = await runCli(['plan', '--project', dir, '--profile', 'test/fixtures/list-functions/lists.mjs']);
    expect(bad.code).toBe(2);
    const validate = await runCli([
      'validate',
      '--project',
      dir,
      '--profile',
      'test/fixtures/list-functions/lists.mjs',
    ]);
    expect(validate.code).toBe(1);
    const codes = (text: string) => [...text.matchAll(/\[([a-z-]+)\]/g)].map((m) => m[1]).sort();
    expect(codes(bad.stderr)).toEqual(codes(validate.stderr));
    expect(codes(bad.stderr).length).toBeGreaterThan(0);
  });
});

describe('list functions in a real run of the CLI', () => {
  it('load TypeScript files only where Node.js can, and say what to do otherwise', async () => {
    const dir = tempDir('simsim-ts-');
    await mkdir(join(dir, 'profiles'));
    await writeFile(join(dir, 'sizes.ts'), "export function sizes(): string[] {\n  return ['small', 'large'];\n}\n");
    await writeFile(join(dir, 'sizes.mjs'), "export function sizes() {\n  return ['small', 'large'];\n}\n");
    const profile = (file: string) =>
      `test_name: t\nllm: {model: gpt-4o-mini}\nuser:\n  role: a customer\n  context: [x]\n  goals:\n    - "a {{size}} pizza"\n    - size: {function: forward(), type: string, data: {file: ${file}, function_name: sizes}}\nchatbot: {is_starter: false, fallback: sorry, output: [{price: {type: money, description: the price}}]}\nconversation: {number: combinations, goal_style: {steps: 2}, interaction_style: [default]}\n`;
    await writeFile(join(dir, 'profiles', 'js.yml'), profile('sizes.mjs'));
    await writeFile(join(dir, 'profiles', 'ts.yml'), profile('sizes.ts'));
    const js = await runCli([
      'plan',
      '--project',
      dir,
      '--profile',
      join(dir, 'profiles', 'js.yml'),
      '--seed',
      '1',
      '--json',
    ]);
    expect(js.code).toBe(0);
    expect((JSON.parse(js.stdout) as PlanJson).profiles[0]?.conversations.map((c) => c.values['size'])).toEqual([
      'small',
      'large',
    ]);
    const ts = await runCli(['plan', '--project', dir, '--profile', join(dir, 'profiles', 'ts.yml'), '--seed', '1']);
    if ((process.features as { typescript?: unknown }).typescript) {
      expect(ts.code).toBe(0);
    } else {
      expect(ts.code).toBe(2);
      expect(ts.stderr).toContain('cannot load TypeScript files');
      expect(ts.stderr).toContain('[plan-data]');
      expect(ts.stderr).toContain('Compile the list function to .js');
    }
  });
});

describe('simsim validate --export --combined-matrix', () => {
  it("writes Sensei's combination matrix CSVs beside the errors file", async () => {
    const out = tempDir('simsim-export-');
    const result = await runCli(['validate', '--project', PROJECT, '--export', out, '--combined-matrix']);
    expect(result.code).toBe(0);
    const [runDir] = await readdir(out);
    const stamp = runDir!.replace('run_', '');
    const base = join(out, runDir!, 'combination_matrices');
    expect((await readdir(base)).sort()).toEqual(['pizza_order_test_predefined', 'survey_pairwise']);
    expect((await readdir(join(base, 'pizza_order_test_predefined'))).sort()).toEqual([
      `full_matrix_9_${stamp}.csv`,
      `size_pizza_type_forward_9_${stamp}.csv`,
    ]);
    const chain = await readFile(
      join(base, 'pizza_order_test_predefined', `size_pizza_type_forward_9_${stamp}.csv`),
      'utf8',
    );
    expect(chain.split('\n').slice(0, 4)).toEqual([
      'size,pizza_type',
      'small,hawaiian',
      'small,carbonara',
      'small,margarita',
    ]);
    const pairwise = await readFile(join(base, 'survey_pairwise', `age_city_payment_pairwise_12_${stamp}.csv`), 'utf8');
    expect(pairwise.split('\n')[0]).toBe('age,city,payment');
    expect(pairwise.trim().split('\n')).toHaveLength(13);
  });

  it('writes the matrices but no combined one without --combined-matrix', async () => {
    const out = tempDir('simsim-export-');
    await runCli(['validate', '--project', PROJECT, '--profile', `${PROJECT}/profiles/survey.yml`, '--export', out]);
    const [runDir] = await readdir(out);
    const files = await readdir(join(out, runDir!, 'combination_matrices'));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^age_city_payment_pairwise_12_\d+\.csv$/);
  });
});
