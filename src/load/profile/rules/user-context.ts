import { findPersonality, personalityNames } from '../../../model/catalog.ts';
import { didYouMean } from '../../../base/diagnostics/did-you-mean.ts';
import type { DocPath } from '../../../yaml/source-file.ts';
import { asArray, asRecord, asString } from '../../../base/access.ts';
import type { ProfileContext } from './context.ts';

async function checkPersonality(ctx: ProfileContext, ref: string, path: DocPath): Promise<void> {
  const found = await findPersonality(ctx.catalog, ref, ctx.profileDir);
  if (found) return;
  const names = personalityNames(ctx.catalog);
  ctx.sink.error(
    'personality-unresolved',
    path,
    `personality \`${ref}\` not found${didYouMean(ref.replace(/^.*[\\/]/, '').replace(/\.ya?ml$/, ''), names)}`,
    {
      hint: `Use a file in the project's personalities/ folder or a built-in: ${names.join(', ')}.`,
    },
  );
}

/** user.context: sentences and at most one personality, which must resolve. */
export async function checkUserContext(ctx: ProfileContext): Promise<void> {
  const context = asRecord(ctx.profile['user'])?.['context'];
  const base: DocPath = ['user', 'context'];
  const single = asRecord(context);
  if (single) {
    const ref = asString(single['personality']);
    if (ref) await checkPersonality(ctx, ref, [...base, 'personality']);
    return;
  }
  const items = asArray(context);
  if (!items) return;
  let personalities = 0;
  for (const [index, item] of items.entries()) {
    const ref = asString(asRecord(item)?.['personality']);
    if (ref === undefined) continue;
    personalities++;
    if (personalities > 1) {
      ctx.sink.error('context-invalid', [...base, index], 'user.context may name only one personality', {
        key: true,
        hint: 'Keep one `- personality:` entry and write the other traits as sentences.',
      });
      continue;
    }
    await checkPersonality(ctx, ref, [...base, index, 'personality']);
  }
}
