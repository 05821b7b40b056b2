/**
 * Guards against a simulated user that stops playing the user: role prefixes it should not
 * write, quotes around the whole message, replies that speak as the assistant, leaked reasoning
 * and empty messages. Cleaning is silent; the problems it cannot clean are reported.
 */
export interface CleanedReply {
  readonly text: string;
  /** Set when the reply cannot be sent as a user message. */
  readonly problem: string | undefined;
  /** The user said it is done (Sensei's `exit`, or our end token). */
  readonly done: boolean;
}

export const END_TOKEN = '<END>';

const USER_PREFIX =
  /^\s*\**(?:user|usuario|utilisateur|benutzer|utente|usuário|human|customer|client|cliente)\**\s*:\s*\**\s*/i;
const ASSISTANT_PREFIX = /^\s*\**(?:assistant|asistente|chatbot|bot|agent|system)\**\s*:/i;
const AI_DISCLAIMER = /^\s*as an ai\b|^\s*i(?:'| a)m an ai\b|^\s*how can i (?:help|assist) you/i;
const REASONING = /<\/?think>|<\/?reasoning>|^\s*(?:reasoning|thought|analysis)\s*:/im;

export function cleanUserReply(raw: string): CleanedReply {
  let text = raw.trim();
  for (let i = 0; i < 3 && USER_PREFIX.test(text); i++) text = text.replace(USER_PREFIX, '').trim();
  if (text.length >= 2 && /^["“«'].*["”»']$/s.test(text) && !/["“«”»]/.test(text.slice(1, -1)))
    text = text.slice(1, -1).trim();
  const bareExit = /^exit[.!]?$/i.test(text);
  const withToken = text.includes(END_TOKEN);
  if (withToken) text = text.replaceAll(END_TOKEN, '').trim();
  const done = bareExit || withToken;
  if (bareExit) return { text: '', problem: undefined, done };
  if (REASONING.test(text)) return { text, problem: 'the reply leaked reasoning markup', done };
  if (ASSISTANT_PREFIX.test(text)) return { text, problem: 'the reply speaks as the assistant', done };
  if (AI_DISCLAIMER.test(text)) return { text, problem: 'the reply plays the assistant instead of the user', done };
  if (text === '' && !done) return { text, problem: 'the reply is empty', done };
  return { text, problem: undefined, done };
}
