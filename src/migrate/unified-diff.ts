import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';

/** A unified diff of one file (`--- a/<path>`, `+++ b/<path>`), as `git apply` and `patch -p1` read it. */
export function unifiedDiff(path: string, before: string, after: string): string {
  const name = path.replaceAll('\\', '/');
  return createTwoFilesPatch(`a/${name}`, `b/${name}`, before, after, undefined, undefined, {
    context: 3,
    headerOptions: FILE_HEADERS_ONLY,
  });
}
