/**
 * Language names a profile may use for `user.language` and `change language` (matched without
 * regard to case). English names of the ISO 639-1 languages, plus the native names testers write.
 */
const ENGLISH_NAMES = `Afrikaans Albanian Amharic Arabic Armenian Assamese Aymara Azerbaijani Bambara Basque Belarusian
Bengali Bosnian Breton Bulgarian Burmese Catalan Cebuano Chichewa Chinese Corsican Croatian Czech Danish Dhivehi
Dutch Dzongkha English Esperanto Estonian Ewe Faroese Fijian Filipino Finnish French Frisian Fula Galician Georgian
German Greek Guarani Gujarati Haitian Hausa Hawaiian Hebrew Hindi Hmong Hungarian Icelandic Igbo Indonesian Irish
Italian Japanese Javanese Kannada Kashmiri Kazakh Khmer Kinyarwanda Kirundi Korean Kurdish Kyrgyz Lao Latin Latvian
Lingala Lithuanian Luganda Luxembourgish Macedonian Malagasy Malay Malayalam Maltese Maori Marathi Mongolian Nepali
Norwegian Occitan Odia Oromo Pashto Persian Polish Portuguese Punjabi Quechua Romanian Romansh Russian Samoan
Sanskrit Scots Serbian Sesotho Shona Sindhi Sinhala Slovak Slovenian Somali Spanish Sundanese Swahili Swedish Tagalog
Tajik Tamil Tatar Telugu Thai Tibetan Tigrinya Tongan Tsonga Tswana Turkish Turkmen Twi Ukrainian Urdu Uyghur Uzbek
Valencian Vietnamese Welsh Wolof Xhosa Yiddish Yoruba Zulu Cantonese Mandarin Farsi Klingon`;

const MULTI_WORD = [
  'Scottish Gaelic',
  'Haitian Creole',
  'Brazilian Portuguese',
  'European Portuguese',
  'Simplified Chinese',
  'Traditional Chinese',
  'Latin American Spanish',
  'British English',
  'American English',
  'Norwegian Bokmal',
  'Norwegian Nynorsk',
];

const NATIVE_NAMES = [
  'Español',
  'Castellano',
  'Català',
  'Euskara',
  'Galego',
  'Français',
  'Deutsch',
  'Italiano',
  'Português',
  'Nederlands',
  'Polski',
  'Русский',
  '中文',
  '日本語',
  '한국어',
  'العربية',
  'Ελληνικά',
  'Türkçe',
  'Svenska',
  'Dansk',
  'Norsk',
  'Suomi',
  'Čeština',
  'Română',
  'Magyar',
  'Українська',
];

export const LANGUAGES: readonly string[] = [
  ...ENGLISH_NAMES.split(/\s+/).filter(Boolean),
  ...MULTI_WORD,
  ...NATIVE_NAMES,
];

const BY_LOWER = new Map(LANGUAGES.map((name) => [name.toLowerCase(), name]));

/** The canonical spelling of a known language, or undefined. */
export function knownLanguage(name: string): string | undefined {
  return BY_LOWER.get(name.trim().toLowerCase());
}
