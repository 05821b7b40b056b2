import { InvalidArgumentError } from 'commander';

/**
 * `--model`: `provider:model` or a bare model name (whose provider is inferred). An empty value
 * or an empty side of the colon is a mistake, never "use the default".
 */
export function modelArg(value: string): string {
  const text = value.trim();
  if (text === '')
    throw new InvalidArgumentError('the model is empty: give provider:model (e.g. openai:gpt-4o-mini) or offline');
  const at = text.indexOf(':');
  if (at === 0 || at === text.length - 1) {
    throw new InvalidArgumentError(
      `\`${text}\` needs a provider before the colon and a model after it, e.g. openai:gpt-4o-mini`,
    );
  }
  return text;
}

/** `--connector-parameters` (`-cp`): JSON or k=v pairs; a value with no parameter in it is a mistake. */
export function connectorParametersArg(value: string): string {
  const text = value.trim();
  if (text === '' || (!text.startsWith('{') && text.split(',').every((pair) => pair.trim() === ''))) {
    throw new InvalidArgumentError('no parameter given: write k=v,k2=v2 or JSON, e.g. base_url=http://localhost:5000');
  }
  return text;
}

/** A flag whose value is a fraction from 0 to 1 (a rate or a similarity threshold). */
export const fractionArg = (flag: string) => (value: string) => {
  const n = Number(value.trim());
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1)
    throw new InvalidArgumentError(`${flag} must be a number from 0 to 1 (e.g. 0.9)`);
  return n;
};
