/**
 * simsim's own prompts for the LLM helpers of rules. Each asks one precise question and gets a
 * JSON answer validated against a schema, so no answer is parsed from free text.
 */
export const JUDGE_SYSTEM =
  'You check the transcripts and outputs of a chatbot under test. Answer only from the text you are given, literally and strictly, and reply with the JSON object requested.';

export function semanticContentPrompt(text: string, content: string): string {
  return `Does the TEXT convey the EXPECTED CONTENT? The wording may differ; the facts (names, numbers, prices, times, places) must agree. If the text is empty, None, or says something else, the answer is false.\n\nTEXT:\n${text}\n\nEXPECTED CONTENT:\n${content}`;
}

export const LANGUAGE_CODES = ['ENG', 'ESP', 'FR', 'GER', 'IT', 'POR', 'CHI', 'JAP', 'OTHER'] as const;

export function languagePrompt(text: string): string {
  return `Which language is the TEXT written in? Use ENG (English), ESP (Spanish), FR (French), GER (German), IT (Italian), POR (Portuguese), CHI (Chinese), JAP (Japanese) or OTHER (any other language).\n\nTEXT:\n${text}`;
}

export const TONES = ['POSITIVE', 'NEGATIVE', 'NEUTRAL'] as const;

export function tonePrompt(text: string): string {
  return `What is the tone of the TEXT towards the person it addresses: POSITIVE, NEGATIVE or NEUTRAL?\n\nTEXT:\n${text}`;
}

export function onlyTalksAboutPrompt(
  transcript: string,
  topics: readonly string[],
  fallback: string | undefined,
): string {
  const allowed = fallback === undefined ? '' : ` It may also say it did not understand, for example "${fallback}".`;
  return `Below is a conversation between a user and a chatbot. The chatbot must only talk about these topics: ${topics.map((t) => `"${t}"`).join(', ')}. It may ask for clarifications and steer the user back to these topics.${allowed} If the user brings up another topic, the chatbot must not follow.\n\nList every chatbot reply that leaves these topics (quote it exactly), or none.\n\nCONVERSATION:\n${transcript}`;
}

export function utterancePrompt(numbered: string, who: string, what: string): string {
  return `Below is a conversation between a user and a chatbot, one numbered message per line. Which message number is the first where the ${who} talks about: ${what}? Answer -1 if no message does.\n\nCONVERSATION:\n${numbered}`;
}

export function sameLanguagePrompt(transcript: string): string {
  return `Below is a conversation between a user and a chatbot. Does the chatbot always reply in the language the user last wrote in? A reply in another language than the user's is a failure; names, product words and numbers do not count as another language.\n\nCONVERSATION:\n${transcript}`;
}

export const booleanAnswer = (field: string) => ({
  type: 'object',
  properties: { [field]: { type: 'boolean' } },
  required: [field],
  additionalProperties: false,
});

export const enumAnswer = (field: string, values: readonly string[]) => ({
  type: 'object',
  properties: { [field]: { type: 'string', enum: [...values] } },
  required: [field],
  additionalProperties: false,
});

export const OFF_TOPIC_ANSWER = {
  type: 'object',
  properties: { off_topic_replies: { type: 'array', items: { type: 'string' } } },
  required: ['off_topic_replies'],
  additionalProperties: false,
};

export const INDEX_ANSWER = {
  type: 'object',
  properties: { message_number: { type: 'integer' } },
  required: ['message_number'],
  additionalProperties: false,
};
