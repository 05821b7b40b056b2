import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/run-cli.ts';

/** The project's own ESLint config, without the type-aware rules (the files linted here are not on disk). */
function projectEslint(): ESLint {
  return new ESLint({ cwd: REPO_ROOT, overrideConfig: [tseslint.configs.disableTypeChecked] });
}

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await projectEslint().lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'boundaries/dependencies').map((m) => m.message);
}

interface Policy {
  readonly from: { readonly element: { readonly type: string } };
  readonly allow: { readonly to: { readonly element: { readonly types: { readonly anyOf: readonly string[] } } } };
}

describe('the folder layers (boundaries lint)', () => {
  it('allows a downward import', async () => {
    expect(
      await boundaryErrors(
        'src/app/downward.ts',
        "import { systemClock } from '../base/clock.ts';\nexport const clock = systemClock;\n",
      ),
    ).toEqual([]);
  });

  it('fails on an upward import, static or dynamic', async () => {
    const upward = await boundaryErrors(
      'src/base/upward.ts',
      "import { main } from '../cli/main.ts';\nexport const run = main;\nexport const later = () => import('../app/run/run-project.ts');\n",
    );
    expect(upward).toHaveLength(2);
    expect(upward[0]).toContain('src/base may not import src/cli');
    expect(upward[1]).toContain('src/base may not import src/app');
  });

  it('fails on an import between two folders of which neither is below the other', async () => {
    expect(
      await boundaryErrors(
        'src/llm/sideways.ts',
        "import { createConnector } from '../connector/create-connector.ts';\nexport const make = createConnector;\n",
      ),
    ).toHaveLength(1);
  });

  it('lists layers whose arrows form no cycle, so no two folders can depend on each other', async () => {
    const config = (await projectEslint().calculateConfigForFile('src/app/any.ts')) as {
      rules: Record<string, [unknown, { policies: Policy[] }]>;
    };
    const policies = config.rules['boundaries/dependencies']?.[1].policies ?? [];
    const graph = new Map(
      policies.map((p) => [
        p.from.element.type,
        p.allow.to.element.types.anyOf.filter((t) => t !== p.from.element.type),
      ]),
    );
    expect(graph.size).toBeGreaterThan(10);
    const state = new Map<string, 'visiting' | 'done'>();
    const cycle: string[] = [];
    const visit = (node: string, path: string[]): void => {
      if (state.get(node) === 'done' || cycle.length > 0) return;
      if (state.get(node) === 'visiting') {
        cycle.push(...path.slice(path.indexOf(node)), node);
        return;
      }
      state.set(node, 'visiting');
      for (const next of graph.get(node) ?? []) visit(next, [...path, node]);
      state.set(node, 'done');
    };
    for (const node of graph.keys()) visit(node, []);
    expect(cycle).toEqual([]);
    // Every folder of src/ has a layer.
    const { readdirSync } = await import('node:fs');
    const folders = readdirSync(`${REPO_ROOT}src`, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
    expect(folders.filter((f) => !graph.has(f))).toEqual([]);
  });
});
