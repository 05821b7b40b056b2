/**
 * Sensei's flags come in several spellings (`--user_profile`, `--user-profile`, `-up`); commander
 * knows one. Rewrites the others before parsing, leaving everything after `--` alone.
 */
const SENSEI_SHORT_FLAGS: Record<string, string> = {
  '-up': '--user-profile',
  '-pp': '--project-path',
  '-cp': '--connector-parameters',
  '-rfy': '--run-from-yaml',
  '-cc': '--clean-cache',
  '-ic': '--ignore-cache',
  '-uc': '--update-cache',
};

export function normalizeArgv(argv: readonly string[]): string[] {
  const out: string[] = [];
  let passthrough = false;
  for (const arg of argv) {
    if (passthrough || arg === '--') {
      passthrough = true;
      out.push(arg);
      continue;
    }
    const short = SENSEI_SHORT_FLAGS[arg];
    if (short !== undefined) {
      out.push(short);
    } else if (arg.startsWith('--') && arg.includes('_')) {
      const eq = arg.indexOf('=');
      const name = eq === -1 ? arg : arg.slice(0, eq);
      out.push(name.replaceAll('_', '-') + (eq === -1 ? '' : arg.slice(eq)));
    } else {
      out.push(arg);
    }
  }
  return out;
}
