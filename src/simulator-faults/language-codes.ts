import { toISO2 } from 'tinyld';
import { foldText } from './goal-values.ts';

/**
 * Profile language names (English and native spellings, as in the catalog) by the ISO 639-3 code
 * of the language detector. Languages the detector does not know are absent: their turns are not
 * checked.
 */
const NAMES: Readonly<Record<string, string>> = {
  afrikaans: 'afr', amharic: 'amh', japanese: 'jpn', '日本語': 'jpn', chinese: 'cmn', mandarin: 'cmn', cantonese: 'cmn', 'simplified chinese': 'cmn',
  'traditional chinese': 'cmn', '中文': 'cmn', korean: 'kor', '한국어': 'kor', burmese: 'mya', thai: 'tha', vietnamese: 'vie', indonesian: 'ind',
  khmer: 'khm', tagalog: 'tgl', filipino: 'tgl', bengali: 'ben', tamil: 'tam', hindi: 'hin', urdu: 'urd', gujarati: 'guj', kannada: 'kan',
  telugu: 'tel', french: 'fra', francais: 'fra', english: 'eng', 'british english': 'eng', 'american english': 'eng', german: 'deu', deutsch: 'deu',
  spanish: 'spa', espanol: 'spa', castellano: 'spa', 'latin american spanish': 'spa', portuguese: 'por', portugues: 'por',
  'brazilian portuguese': 'por', 'european portuguese': 'por', italian: 'ita', italiano: 'ita', dutch: 'nld', nederlands: 'nld', irish: 'gle',
  latin: 'lat', czech: 'ces', cestina: 'ces', serbian: 'srp', greek: 'ell', 'ελληνικα': 'ell', macedonian: 'mkd', slovak: 'slk', danish: 'dan',
  dansk: 'dan', swedish: 'swe', svenska: 'swe', finnish: 'fin', suomi: 'fin', norwegian: 'nob', norsk: 'nob', 'norwegian bokmal': 'nob',
  icelandic: 'isl', hungarian: 'hun', magyar: 'hun', romanian: 'ron', romana: 'ron', bulgarian: 'bul', belarusian: 'bel', russian: 'rus',
  'русскии': 'rus', ukrainian: 'ukr', 'украінська': 'ukr', polish: 'pol', polski: 'pol', lithuanian: 'lit', estonian: 'est', latvian: 'lvs',
  armenian: 'hye', turkish: 'tur', turkce: 'tur', hebrew: 'heb', yiddish: 'yid', arabic: 'ara', 'العربية': 'ara', persian: 'pes', farsi: 'pes',
  tatar: 'tat', kazakh: 'kaz', mongolian: 'mon', turkmen: 'tuk', esperanto: 'epo', klingon: 'tlh', kirundi: 'run',
};

/** The code the detector reports for a profile's language name, or undefined when it cannot tell that language. */
export function detectorCode(name: string): string | undefined {
  const iso3 = NAMES[foldText(name)];
  if (iso3 === undefined) return undefined;
  return toISO2(iso3) || iso3;
}
