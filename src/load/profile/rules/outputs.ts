import { closest } from '../../../base/diagnostics/did-you-mean.ts';
import type { DocPath } from '../../../yaml/source-file.ts';
import { asArray, asRecord, asString, singleEntry } from '../../../base/access.ts';
import { BASIC_OUTPUT_TYPES, parseOutputType, type OutputType } from '../../../model/output-type.ts';
import type { ProfileContext } from './context.ts';

function customNames(type: OutputType): string[] {
  if (type.kind === 'custom') return [type.name];
  if (type.kind === 'list') return customNames(type.item);
  return [];
}

/**
 * chatbot.output: unique names and known types. A near miss of a known type is an error (a
 * typo); any other unknown name is a warning, because Sensei extracts it as free text.
 */
export function checkOutputs(ctx: ProfileContext): void {
  const outputs = asArray(asRecord(ctx.profile['chatbot'])?.['output']);
  if (!outputs) return;
  const seen = new Set<string>();
  // Going through the types puts the built-ins in their order: only for a name not found.
  const known = () => [...BASIC_OUTPUT_TYPES, ...ctx.catalog.types.keys()];
  for (const [index, output] of outputs.entries()) {
    const entry = singleEntry(output);
    if (!entry) continue;
    const [name, spec] = entry;
    const path: DocPath = ['chatbot', 'output', index, name];
    if (seen.has(name)) ctx.sink.error('var-duplicate', path, `output \`${name}\` is declared twice`, { key: true });
    seen.add(name);
    const typeText = asString(asRecord(spec)?.['type']);
    if (typeText === undefined) continue;
    const typePath = [...path, 'type'];
    const parsed = parseOutputType(typeText);
    if (parsed.kind === 'invalid') {
      ctx.sink.error('output-type', typePath, parsed.message, {
        hint: `Use ${BASIC_OUTPUT_TYPES.join(', ')} or a custom type.`,
      });
      continue;
    }
    for (const custom of customNames(parsed)) {
      if (ctx.catalog.types.has(custom)) continue;
      const match = closest(custom, known());
      if (match) {
        ctx.sink.error('output-type', typePath, `unknown output type \`${custom}\` (did you mean \`${match}\`?)`);
      } else {
        ctx.sink.warning(
          'output-type',
          typePath,
          `unknown output type \`${custom}\`; it will be extracted as free text`,
          {
            hint: `Define it in the project's types/ folder (types/${custom}.yml), or use ${BASIC_OUTPUT_TYPES.join(', ')}.`,
          },
        );
      }
    }
  }
}
