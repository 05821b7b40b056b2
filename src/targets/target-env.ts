import { isSecretName } from '../base/redaction.ts';
import { pythonEnvironment } from '../variables/data/python-env.ts';

/**
 * The environment of a Python target: what an interpreter needs (the allow-list of Python list
 * functions), plus the variables the user passes on by name, such as the API key the agent
 * calls its own model with. Returns the secrets among them too, so they are redacted.
 */
export function targetEnvironment(
  env: Readonly<Record<string, string | undefined>>,
  passEnv: readonly string[] = [],
): { env: Record<string, string>; secrets: string[] } {
  const out = pythonEnvironment(env);
  const secrets: string[] = [];
  for (const name of passEnv) {
    const value = env[name];
    if (value === undefined) continue;
    out[name] = value;
    if (isSecretName(name)) secrets.push(value);
  }
  return { env: out, secrets };
}
