import { asRecord, asString } from '../../../base/access.ts';
import type { ProfileContext } from './context.ts';
import { checkLanguage } from './language.ts';

/**
 * test_name is part of every conversation's file name (`<i>_<test_name>_<serial>.yml`, and a
 * temporary name while it is written); file names have at most 255 bytes.
 */
export const MAX_TEST_NAME_BYTES = 150;

/** test_name, user.language and llm.format: the small top-level checks. */
export function checkMisc(ctx: ProfileContext): void {
  const testName = asString(ctx.profile['test_name']);
  if (testName !== undefined && /[\\/]|^\.\.?$/.test(testName)) {
    ctx.sink.error(
      'schema-value',
      ['test_name'],
      `test_name \`${testName}\` names output folders, so it cannot contain / or \\`,
    );
  }
  if (testName !== undefined && Buffer.byteLength(testName, 'utf8') > MAX_TEST_NAME_BYTES) {
    ctx.sink.error(
      'schema-value',
      ['test_name'],
      `test_name is too long (${[...testName].length} characters): it names output folders and files, so it may have at most ${MAX_TEST_NAME_BYTES} bytes`,
      {
        hint: `Shorten it; ${MAX_TEST_NAME_BYTES} plain letters fit (accented and non-Latin letters take 2 to 4 bytes each).`,
      },
    );
  }
  const language = asString(asRecord(ctx.profile['user'])?.['language']);
  if (language !== undefined) checkLanguage(ctx.sink, language, ['user', 'language']);
  const format = asRecord(asRecord(ctx.profile['llm'])?.['format']);
  if (format?.['type'] === 'speech') {
    ctx.sink.warning(
      'feature-unsupported',
      ['llm', 'format', 'type'],
      'speech needs a connector with an `audio:` section (simsim sends the chatbot audio over HTTP, not through a microphone); with a text-only connector this profile runs as text',
    );
  }
}
