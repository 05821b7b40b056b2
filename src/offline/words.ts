/**
 * Word-level helpers shared by the offline user and the offline goal checker. Matching is done on
 * lower-case words without accents, with a crude plural strip, in the six phrasebook languages.
 */

/** Lower case, accents removed ("Qué" -> "que", "Größe" -> "grosse" is not attempted: "große" -> "grose"). */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

/** Words and numbers of a text, folded. Decimal numbers stay whole ("15.50"). */
export function words(text: string): string[] {
  return fold(text).match(/\d+(?:[.,]\d+)?|\p{L}+/gu) ?? [];
}

/** A crude stem so that "pizzas"/"pizza" and "cans"/"can" meet. */
export function stem(word: string): string {
  if (/^\d/.test(word)) return word;
  if (word.length > 4 && word.endsWith('es') && /[sxz]es$|ches$|shes$/.test(word)) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

const STOP = `
a an the and or but of to in on at for with by from as is are was were be been being am it its this that these those
there here i me my we our you your yours he she they them their his her do does did done have has had having will would
shall should could may might must please just also too very so if then than what which who whom whose when where why
how much many some any all no not yes ok okay want wants like would love need get got let lets tell know about one thing
things more else really well hi hello hey thanks thank order ordering
el la los las un una unos unas de del al y o u en con por para que como es son ser esta estan mi mis tu tus su sus yo me te se lo le
les nos pero si no mas muy quiero quisiera gustaria querria cual cuales cuanto cuanta cuantos cuantas donde cuando hola gracias
le la les un une des du de et ou en avec pour par que qui est sont je tu il elle nous vous mon ma mes ton ta tes son sa ses ce cette
ces mais oui non plus tres veux voudrais aimerais quel quelle quels quelles combien comment quand bonjour merci au aux
der die das den dem des ein eine einen einem einer und oder in mit fur von zu ist sind ich du er sie wir ihr mein meine dein
deine sein seine aber ja nein mehr sehr mochte mochten will was welche welcher welches wie wann wo hallo danke bitte
il lo gli i le un uno una di del della dei delle e o in con per che come sono io tu lui lei noi voi mio mia tuo tua ma si piu molto
vorrei voglio quale quali quanto quanti quante dove quando ciao grazie
o a os as um uma uns umas de do da dos das e ou em com por para que como sao eu tu ele ela nos vos meu minha teu tua mas sim nao
mais muito quero queria gostaria qual quais quanto quantos quantas onde quando ola obrigado obrigada
`;

export const STOPWORDS: ReadonlySet<string> = new Set(STOP.split(/\s+/).filter(Boolean));

/** Number words to digits, only the ones that are never articles ("un", "una", "ein" are left alone). */
const NUMBER_WORDS: Readonly<Record<string, string>> = (() => {
  const table: Record<string, string> = {};
  const lists = [
    'one two three four five six seven eight nine ten eleven twelve',
    '- dos tres cuatro cinco seis siete ocho nueve diez once doce',
    '- deux trois quatre cinq six sept huit neuf dix onze douze',
    'eins zwei drei vier funf sechs sieben acht neun zehn elf zwolf',
    '- due tre quattro cinque sei sette otto nove dieci undici dodici',
    '- dois tres quatro cinco seis sete oito nove dez onze doze',
  ];
  for (const list of lists) list.split(' ').forEach((word, i) => word !== '-' && (table[word] = String(i + 1)));
  table['duas'] = '2';
  return table;
})();

/** Content words of a text: folded, stemmed, without stop words, number words as digits. */
export function contentWords(text: string): string[] {
  const out: string[] = [];
  for (const word of words(text)) {
    const digit = NUMBER_WORDS[word];
    if (digit !== undefined) out.push(digit);
    else if (!STOPWORDS.has(word) && (word.length > 1 || /\d/.test(word))) out.push(stem(word));
  }
  return out;
}

/** Sentences of a reply, split after . ! ? and line breaks (decimal points stay). */
export function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+/u)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Whether `needle` occurs in `text` as whole words, ignoring case and accents. */
export function containsPhrase(text: string, needle: string): boolean {
  const n = words(needle).join(' ');
  if (n === '') return false;
  return ` ${words(text).join(' ')} `.includes(` ${n} `);
}

/** The display form of a picked value: lists are joined like the goal substitution does. */
export function valueText(value: unknown, and = 'and'): string {
  if (Array.isArray(value)) {
    const items = value.map((v) => String(v));
    if (items.length <= 1) return items[0] ?? '';
    return `${items.slice(0, -1).join(', ')} ${and} ${items.at(-1) ?? ''}`;
  }
  return String(value);
}
