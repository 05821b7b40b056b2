import { fold, sentences, words } from './words.ts';

/** What the offline user makes of one chatbot reply. */
export interface BotReading {
  readonly text: string;
  /** Sentences that ask the user something: questions, and requests like "please choose a size". */
  readonly questions: readonly string[];
  /** The last question can be answered with yes or no ("Would you like to confirm?"). */
  readonly yesNo: boolean;
  /** The chatbot asks whether the user wants anything else. */
  readonly anythingElse: boolean;
  /** "A or B?": the two sides of the last question that offers a choice. */
  readonly choice: { readonly left: string; readonly right: string } | undefined;
}

/** Words that open a question in the six phrasebook languages (folded). */
const QUESTION_OPENERS = new Set(
  `what which how when where who whose why
que cual cuales como cuando donde quien cuanto cuanta cuantos cuantas
quel quelle quels quelles comment quand ou qui combien pourquoi
was welche welcher welches welchen wie wann wo wer warum
che quale quali come quando dove chi quanto quanti quante perche
qual quais onde quem quantos quantas porque`.split(/\s+/),
);

/** Verbs that open a yes/no question (folded). */
const YES_NO_OPENERS = new Set(
  `is are do does did would could can will shall should may have has was were
quiere quieres desea deseas puedo confirma confirmas es esta prefiere
voulez souhaitez veux pouvez confirmez est avez
mochten mochtest mochte soll sollen ist sind haben hast wollen willst konnen darf
vuoi vuole desidera desideri posso conferma confermi vorresti
quer deseja confirma gostaria pode posso`.split(/\s+/),
);

/** Imperatives that ask for information without a question mark (folded). */
const REQUEST_VERBS =
  /^(please,? )?(choose|select|tell me|provide|enter|specify|pick|give me|send|confirm|indique|indica|elige|elija|escoja|digame|dime|por favor,? (indique|elija|diga)|choisissez|indiquez|dites|precisez|wahlen sie|geben sie|nennen sie|sagen sie|bitte (wahlen|geben|nennen)|scegli|scelga|indichi|mi dica|escolha|informe|diga)\b|\b(let me know|please (choose|select|tell|provide|enter|specify|pick|give|send|confirm))\b/;

const ANYTHING_ELSE =
  /\b(anything else|something else|any other|algo mas|alguna otra|autre chose|quelque chose d.autre|sonst noch|noch etwas|etwas anderes|qualcos.altro|mais alguma|algo mais|outra coisa)\b/;

const OR_WORDS = ['or', 'o', 'ou', 'oder', 'oppure'];

export { QUESTION_OPENERS, YES_NO_OPENERS };

export function readBotReply(text: string): BotReading {
  const all = sentences(text);
  const questions = all.filter(isQuestion);
  const last = questions.at(-1);
  const lastWords = last === undefined ? [] : words(last.replace(/^[¿¡]/, ''));
  const opener = lastWords[0] ?? '';
  const folded = fold(questions.join(' '));
  return {
    text,
    questions,
    yesNo: last !== undefined && (YES_NO_OPENERS.has(opener) || (opener === 'est' && lastWords[1] === 'ce')),
    anythingElse: ANYTHING_ELSE.test(folded),
    choice: last === undefined ? undefined : splitChoice(last),
  };
}

function isQuestion(sentence: string): boolean {
  if (/[?？]/.test(sentence)) return true;
  const folded = fold(sentence);
  if (REQUEST_VERBS.test(folded)) return true;
  const first = words(sentence)[0];
  return first !== undefined && QUESTION_OPENERS.has(first) && !/[.!]$/.test(sentence.trim());
}

/** Splits the question at its last "or" word into the text before and after. */
function splitChoice(question: string): { left: string; right: string } | undefined {
  const tokens = question.replace(/[¿?？]/g, '').split(/\s+/);
  for (let i = tokens.length - 2; i > 0; i--) {
    const token = fold(tokens[i] ?? '').replace(/[^\p{L}]/gu, '');
    if (OR_WORDS.includes(token) && i >= 2) {
      return { left: tokens.slice(0, i).join(' '), right: tokens.slice(i + 1).join(' ') };
    }
  }
  return undefined;
}
