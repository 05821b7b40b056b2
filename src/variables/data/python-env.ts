import { isSecretName } from '../../base/redaction.ts';

/** Variables a Python interpreter (plain, venv, conda, pyenv) needs to start and find its packages. */
const ALLOWED = new Set([
  'PATH',
  'HOME',
  'USER',
  'LOGNAME',
  'SHELL',
  'LANG',
  'LANGUAGE',
  'TZ',
  'TMPDIR',
  'TEMP',
  'TMP',
  'VIRTUAL_ENV',
  // Windows
  'SYSTEMROOT',
  'SYSTEMDRIVE',
  'WINDIR',
  'COMSPEC',
  'PATHEXT',
  'USERPROFILE',
  'APPDATA',
  'LOCALAPPDATA',
  'PROGRAMDATA',
]);
const ALLOWED_PREFIXES = ['LC_', 'PYTHON', 'PYENV_', 'CONDA_'];

/**
 * The environment a Python list function runs with: what an interpreter needs, nothing else.
 * API keys and tokens in simsim's environment are no business of a project's helper script.
 */
export function pythonEnvironment(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) continue;
    const upper = name.toUpperCase();
    if (isSecretName(name)) continue;
    if (ALLOWED.has(upper) || ALLOWED_PREFIXES.some((prefix) => upper.startsWith(prefix))) out[name] = value;
  }
  out['PYTHONIOENCODING'] = 'utf-8';
  return out;
}
