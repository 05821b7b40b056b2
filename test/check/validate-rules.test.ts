import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { validateProject } from '../../src/app/validate-project.ts';
import { tempProject } from '../helpers/temp-project.ts';

const PROFILE = [
  'test_name: pizza',
  'llm: {model: offline}',
  'user:',
  '  role: a customer',
  '  goals:',
  '    - "a {{size}} pizza"',
  '    - size: {function: forward(), type: string, data: [small, large]}',
  'chatbot:',
  '  is_starter: false',
  '  fallback: Sorry?',
  '  output:',
  '    - price: {type: money, description: the price}',
  'conversation: {number: 2, goal_style: {steps: 3}, interaction_style: [default]}',
  '',
].join('\n');

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function diagnose(rule: string) {
  const dir = tempProject({ 'profiles/pizza.yml': PROFILE, 'rules/r.yaml': rule });
  dirs.push(dir);
  const result = await validateProject({ projectDir: dir, cwd: dir });
  return result.diagnostics
    .filter((d) => d.file === 'rules/r.yaml')
    .map((d) => `${d.line}:${d.column} ${d.severity} ${d.code} ${d.message}`);
}

describe('validate checks every rule expression', () => {
  it('accepts a rule whose names all exist', async () => {
    expect(
      await diagnose(
        "name: r\ndescription: d\nwhen: size == 'small'\noracle: extract_float(price) >= 10 or data_output_price_value > 1\nyields: f'{price}'\n",
      ),
    ).toEqual([]);
  });

  it('points at a syntax error inside a block scalar', async () => {
    expect(await diagnose('name: r\ndescription: d\noracle: |\n  (len(size) >\n    2 and (\n')).toEqual([
      '5:12 error rule-expression-syntax `oracle`: the expression ends too early',
    ]);
    expect(await diagnose('name: r\ndescription: d\noracle: |\n  len(size) >\n    2\n')).toEqual([
      '4:14 error rule-expression-syntax `oracle`: invalid syntax: a new line outside brackets ends the expression (wrap it in parentheses to continue it)',
    ]);
  });

  it('reports unknown functions (did you mean) and unknown variables, also in exists() conditions', async () => {
    expect(
      await diagnose(
        "name: r\ndescription: d\nconversations: all\noracle: exists('extract_flot(prize) > 5') and lenght(size)\n",
      ),
    ).toEqual([
      '4:17 error rule-unknown-function `oracle`: unknown function `extract_flot()` (did you mean `extract_float`?)',
      '4:30 warning rule-unknown-variable `oracle`: no profile of the project defines the variable `prize` (did you mean `price`?), so the rule is not applicable to any conversation',
      '4:47 error rule-unknown-function `oracle`: unknown function `lenght()` (did you mean `length`?)',
    ]);
  });

  it('checks conv[i] attributes in pairwise rules and folded plain scalars', async () => {
    expect(
      await diagnose('name: r\ndescription: d\nconversations: 2\nif: conv[0].size ==\n  conv[1].sise\nthen: "True"\n'),
    ).toEqual([
      '5:11 warning rule-unknown-variable `if`: no profile of the project defines the variable conv[...].sise (did you mean `size`?), so the rule is not applicable to any conversation',
    ]);
  });

  it('warns when yields is not an expression', async () => {
    expect(await diagnose('name: r\ndescription: d\noracle: "True"\nyields: Wrong price\n')).toEqual([
      '4:15 warning rule-expression-syntax `yields`: invalid syntax: unexpected `price`',
    ]);
  });
});
