import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.ts';
import { tempProject } from '../helpers/temp-project.ts';

interface JsonDiagnostic {
  code: string;
  severity: string;
  message: string;
  line: number;
  column: number;
  hint?: string;
}

const folders: string[] = [];
afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

/** Validates the init project's example profile after `edit`, and returns its diagnostics. */
async function validateEdited(edit: (profile: string) => string): Promise<JsonDiagnostic[]> {
  const parent = tempProject({});
  folders.push(parent);
  expect((await runCli(['init', '--path', parent, '--name', 'p'])).code).toBe(0);
  const file = join(parent, 'p', 'profiles', 'pizza_order.yml');
  const original = readFileSync(file, 'utf8');
  const edited = edit(original);
  expect(edited).not.toBe(original);
  writeFileSync(file, edited);
  const run = await runCli(['validate', '--project', '.', '--format', 'json'], { cwd: join(parent, 'p') });
  expect(run.code).toBe(1);
  return (JSON.parse(run.stdout) as { diagnostics: JsonDiagnostic[] }).diagnostics;
}

describe('validate explains a mis-indented key in plain words', () => {
  it("a variable's `data:` indented like the variable name: one error with the indentation to use", async () => {
    const diagnostics = await validateEdited((p) =>
      p.replace('        data: [small, medium, large]', '      data: [small, medium, large]'),
    );
    expect(diagnostics).toEqual([
      {
        code: 'yaml-indentation',
        severity: 'error',
        message:
          '`data:` on line 22 is indented like `size:` (line 19), so it is read beside `size` instead of inside it, where it is required',
        file: 'profiles/pizza_order.yml',
        line: 22,
        column: 7,
        endLine: 22,
        endColumn: 11,
        field: 'user.goals[3].data',
        hint: 'Indent `data:` with 8 spaces, like `function:` on line 20, so that it belongs to `size`.',
      },
    ]);
  });

  it('a key indented one space more than the key above it', async () => {
    const diagnostics = await validateEdited((p) => p.replace('  temperature: 0.8', '   temperature: 0.8'));
    expect(diagnostics.map((d) => [d.code, d.line, d.column, d.message, d.hint])).toEqual([
      [
        'yaml-indentation',
        7,
        4,
        '`temperature:` on line 7 is indented more than `model:` on line 6 (3 spaces, not 2), so YAML reads it as part of the value of `model`',
        'Keys of one map start in the same column: indent `temperature:` with 2 spaces, like `model:`. To put it inside `model`, move the value of `model:` onto its own lines.',
      ],
    ]);
    expect(JSON.stringify(diagnostics)).not.toContain('compact mappings');
  });

  it('a key between two indentation levels names both', async () => {
    const diagnostics = await validateEdited((p) =>
      p.replace(
        '        description: the total price of the order\n',
        '        description: the total price of the order\n       currency: USD\n',
      ),
    );
    expect(diagnostics.map((d) => [d.code, d.line, d.message, d.hint])).toEqual([
      [
        'yaml-indentation',
        43,
        '`currency:` on line 43 is indented 7 spaces, which matches no map around it: `description:` on line 42 has 8, `price:` on line 40 has 6',
        'Keys of one map start in the same column: indent `currency:` with 8 spaces to put it beside `description:` (line 42), or with 6 spaces to put it beside `price:` (line 40).',
      ],
    ]);
  });

  it('a key indented under a line of text', async () => {
    const diagnostics = await validateEdited((p) =>
      p.replace(
        '    - your name is Sam and you are hungry\n',
        '    - your name is Sam and you are hungry\n     mood: happy\n',
      ),
    );
    expect(diagnostics.map((d) => [d.code, d.line, d.message])).toEqual([
      [
        'yaml-indentation',
        15,
        '`mood:` on line 15 is indented more than line 14, so YAML reads it as the continuation of the text on line 14',
      ],
    ]);
  });
});
