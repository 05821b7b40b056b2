import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { precompiledValidatorPath, SCHEMA_KINDS, schemaHash } from './schema-files.ts';
import { validateAgainst } from './validators.ts';

describe('schema validators', () => {
  it('the build precompiles validators for exactly the schemas on disk', () => {
    for (const kind of SCHEMA_KINDS) {
      const compiled = createRequire(import.meta.url)(precompiledValidatorPath(kind)) as Record<string, unknown>;
      expect(compiled['schemaHash'], kind).toBe(schemaHash(kind));
      expect(typeof compiled[kind], kind).toBe('function');
    }
  });

  it('reports errors with the schema context the diagnostics need', () => {
    const [error] = validateAgainst('run', { nope: 1 });
    expect(error).toMatchObject({ keyword: 'additionalProperties', params: { additionalProperty: 'nope' } });
    expect(Object.keys((error?.parentSchema as { properties?: object } | undefined)?.properties ?? {})).toContain(
      'user_profile',
    );
  });
});
