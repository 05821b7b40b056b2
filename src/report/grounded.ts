/**
 * Whether an extracted value appears in what the chatbot said. Only values that have one
 * written form are searched (text, numbers, money); for dates, booleans and the like the answer is
 * unknown (undefined) rather than a guess.
 */
export function isGrounded(value: unknown, chatbotText: string): boolean | undefined {
  const haystack = chatbotText.toLowerCase();
  const forms = writtenForms(value);
  if (forms === undefined) return undefined;
  return forms.some((form) => haystack.includes(form.toLowerCase()));
}

function numberForms(n: number): string[] {
  const forms = new Set([String(n), n.toFixed(2), n.toLocaleString('en-US')]);
  return [...forms];
}

function writtenForms(value: unknown): string[] | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return numberForms(value);
  if (typeof value === 'string') {
    const text = value.trim();
    // ISO dates are written by simsim, not by the chatbot: its words may differ.
    if (text === '' || /^\d{4}-\d{2}-\d{2}/.test(text)) return undefined;
    return [text];
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const amount = (value as Record<string, unknown>)['value'];
    if (typeof amount === 'number') return numberForms(amount);
  }
  return undefined;
}

/** Every item of a list value must be grounded; unknown when any item is unknown. */
export function isGroundedValue(value: unknown, chatbotText: string): boolean | undefined {
  if (!Array.isArray(value)) return isGrounded(value, chatbotText);
  if (value.length === 0) return undefined;
  const each = value.map((item) => isGrounded(item, chatbotText));
  if (each.some((g) => g === undefined)) return undefined;
  return each.every((g) => g === true);
}
