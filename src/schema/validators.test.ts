import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../base/package-paths.ts';
import { schemasHash } from './schema-files.ts';
import { validateAgainst } from './validators.ts';

describe('schema validators', () => {
  it('the build precompiles validators for exactly the schemas on disk', () => {
    const compiled = createRequire(import.meta.url)(join(PACKAGE_ROOT, 'dist', 'schema-validators.cjs')) as {
      schemasHash: string;
    };
    expect(compiled.schemasHash).toBe(schemasHash());
  });

  it('reports errors with the schema context the diagnostics need', () => {
    const [error] = validateAgainst('run', { nope: 1 });
    expect(error).toMatchObject({ keyword: 'additionalProperties', params: { additionalProperty: 'nope' } });
    expect(Object.keys((error?.parentSchema as { properties?: object } | undefined)?.properties ?? {})).toContain(
      'user_profile',
    );
  });
});
