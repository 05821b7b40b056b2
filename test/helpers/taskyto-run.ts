/**
 * The arguments of `simsim run` on the project at `dir` against a Taskyto chatbot at `botUrl`,
 * then `more` (seed, output folder, ...): what most CLI tests of a run start from.
 */
export function taskytoRunArgs(dir: string, botUrl: string, ...more: string[]): string[] {
  return ['run', '--project-path', dir, '-t', 'taskyto', '-cp', `base_url=${botUrl}`, ...more];
}
