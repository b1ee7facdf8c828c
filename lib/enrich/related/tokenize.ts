/**
 * Tokenizer for the related-talks index (`./index.ts`).
 *
 * The archive mixes English and German talks, so the pipeline is deliberately language-light:
 * fold case and diacritics ("Überwachung" -> "uberwachung", "Straße" -> "strasse"), drop the words every abstract uses (a combined English + German stop list that also has
 * generic conference vocabulary: "talk", "vortrag", "will", ...), and conflate only the most common
 * English inflections. A heavier stemmer (Porter, Snowball German) would merge more word forms, but
 * its mistakes across two languages cost more than the recall it buys on short abstracts.
 *
 * Everything here must stay deterministic: saved index snapshots hold tokens produced by this code,
 * so any change to the output must bump `TOKENIZER_VERSION` (which is part of the snapshot version).
 */

/** Bump whenever `tokenize` / `nameWords` can return different tokens for the same input. */
export const TOKENIZER_VERSION = 1;

/** Longer "words" are hashes, base64 or URL debris, never a topic. */
const MAX_TOKEN_LENGTH = 40;

const MARKS = /\p{M}+/gu;
const NON_ASCII = /[^\x00-\x7f]/;
/** Apostrophes inside words: "Müller's" -> "mullers" (then stemmed to "muller"), "don't" -> "dont". */
const APOSTROPHES = /['\u2019\u02bc]/g;
const WORD = /[\p{L}\p{N}]+/gu;
const NON_WORD = /[^\p{L}\p{N}]+/u;
const ONLY_DIGITS = /^\p{N}+$/u;
/**
 * Language names whose spelling is mostly punctuation, rewritten before punctuation is dropped so
 * that "C++" and "C#" talks find each other (a bare "c" is below the minimum token length).
 */
const PUNCTUATED_NAMES: [RegExp, string][] = [
  [/(^|[^\p{L}\p{N}])c\+\+(?![\p{L}\p{N}])/gu, '$1 cplusplus '],
  [/(^|[^\p{L}\p{N}])c#(?![\p{L}\p{N}])/gu, '$1 csharp '],
  [/(^|[^\p{L}\p{N}])f#(?![\p{L}\p{N}])/gu, '$1 fsharp '],
];

/** Case, compatibility forms (ligatures, full-width letters) and diacritics folded away. */
export function foldText(text: string): string {
  // Most feed text is ASCII; skip Unicode normalisation for it (it is the costly step).
  if (!NON_ASCII.test(text)) return text.toLowerCase();
  return text.normalize('NFKD').replace(MARKS, '').toLowerCase().replace(/ß/g, 'ss');
}

// English: function words plus the vocabulary of talk abstracts ("in this talk we will show how
// to use ..."). Kept to words that never name a topic on their own.
const ENGLISH_STOP_WORDS = `
a about above after again against all almost along already also although always am among an and
another any anyone anything are around as at away back be became because become been before being
below between both but by came can cannot could did do does doing done down during each either else
enough etc even ever every few for from further get gets getting give given go goes going got had
has have having he her here hers him his how however if in into is it its itself just last least
less let like made make makes making many may me might more most much must my near need needs
neither never next no nor not nothing now of off often on once one only onto or other others our
ours out over own per perhaps quite rather really same see seen several shall she should show shows
since so some something still such than that the their theirs them then there these they this those
though through thus to too toward under until up upon us very via was we well were what when where
whether which while who whom whose why will with within without would yet you your yours
talk talks lecture presentation session speaker speakers audience attendee attendees
will also can use used uses using new how introduction overview example examples
discuss discussed explain explained learn learned present presented cover covered covers
look looking want wants way ways thing things lot lots people person time times today year years
day days part parts kind first second third two three four five ten different various based
able try tried work working works little good great better best important interesting
https http www com org net html
`;

// German: articles, pronouns, auxiliaries, particles and the verbs of an abstract ("wir zeigen,
// wie man ..."). "war" is missing on purpose: in English it is a topic.
const GERMAN_STOP_WORDS = `
aber alle allem allen aller alles als also am an andere anderen anders auch auf aus bei beim bereits
bin bis bisher bist da dabei dadurch dafur damit dann dar darauf daruber darum das dass dem den denen
denn der deren des dessen die dies diese diesem diesen dieser dieses doch dort du durch eben ein eine
einem einen einer eines einige einigen einmal er es etwa etwas euch euer fur gab ganz gar gegen
geht gibt ging habe haben hat hatte hatten hier hin hinter ich ihm ihn ihnen ihr ihre ihrem ihren
ihrer ihres im immer in indem ins ist ja jede jedem jeden jeder jedes jedoch jetzt kann kaum kein
keine keinem keinen keiner konnen konnte kommt machen macht mal man manche mehr mein meine mit muss
mussen nach nachdem neben nein nicht nichts noch nun nur ob oder ohne schon sehr sein seine seinem
seinen seiner seit selbst sich sie sind so sogar solche soll sollen sollte sondern sowie uber um und
uns unser unsere unter viel viele vom von vor wahrend waren warum was weil weiter welche welchem
welchen welcher welches wenn wer werde werden wie wieder wir wird wirst wo wollen wollte wurde wurden
zu zum zur zwar zwei zwischen
vortrag vortrage vortrags referent referentin zeigen zeigt gezeigt erklaren erklart geben wollen
neue neuen neuer neues heute jahr jahre jahren dabei moglich moglichkeiten beispiel beispiele
teil gibt schauen sprechen reden vorstellen vorgestellt
`;

/** Folded, so the lists above may be written with or without diacritics. */
const STOP_WORDS: ReadonlySet<string> = new Set(
  `${ENGLISH_STOP_WORDS} ${GERMAN_STOP_WORDS}`.split(/\s+/).filter(Boolean).map(foldText),
);

export function isStopWord(token: string): boolean {
  return STOP_WORDS.has(token);
}

function isVowel(c: number): boolean {
  // a e i o u y
  return c === 97 || c === 101 || c === 105 || c === 111 || c === 117 || c === 121;
}

function hasVowel(word: string, end: number): boolean {
  for (let i = 0; i < end; i++) if (isVowel(word.charCodeAt(i))) return true;
  return false;
}

function isAsciiLower(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c < 97 || c > 122) return false;
  }
  return true;
}

/** "running" stem "runn" -> "run" ("add" stays); l/s/z doubles are usually part of the word ("install", "pass"). */
function undouble(stem: string): string {
  const n = stem.length;
  const last = stem.charCodeAt(n - 1);
  // l = 108, s = 115, z = 122
  if (n >= 4 && last === stem.charCodeAt(n - 2) && last !== 108 && last !== 115 && last !== 122 && !isVowel(last))
    return stem.slice(0, -1);
  return stem;
}

/**
 * A light English stemmer for ASCII words of 4+ letters. It only has to be consistent (index and
 * query use the same function) and conservative: merging "build/builds/building" and
 * "release/releases/released" helps, while merging distinct words hurts precision. German words
 * pass mostly unchanged; a few lose a final "s" or "e", which is harmless because it happens on
 * both sides. Written with `endsWith`/char codes rather than regexes: it runs for every token.
 */
export function stem(word: string): string {
  if (word.length < 4 || !isAsciiLower(word)) return word;
  let w = word;
  // 1. Plurals and third person.
  if (w.endsWith('ies') && w.length >= 5) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.length >= 5 && (w.endsWith('xes') || w.endsWith('ches') || w.endsWith('shes'))) w = w.slice(0, -2);
  else if (w.endsWith('s')) {
    const before = w.charCodeAt(w.length - 2);
    // "class", "status", "analysis" keep their s (s = 115, u = 117, i = 105).
    if (before !== 115 && before !== 117 && before !== 105) w = w.slice(0, -1);
  }
  // 2. -ing / -ed, only when a real stem with a vowel remains ("string", "speed" stay).
  if (w.length >= 6 && w.endsWith('ing') && hasVowel(w, w.length - 3)) w = undouble(w.slice(0, -3));
  else if (w.length >= 5 && w.endsWith('ied')) w = `${w.slice(0, -3)}y`;
  // 6+ letters so that "embed" (vs "embedded") and "shred" stay whole.
  else if (w.length >= 6 && w.endsWith('ed') && !w.endsWith('eed') && hasVowel(w, w.length - 2))
    w = undouble(w.slice(0, -2));
  // 3. Final silent "e", so that "route"/"routing" and "release"/"released" meet ("free" stays).
  if (w.length >= 4 && w.endsWith('e') && !w.endsWith('ee')) w = w.slice(0, -1);
  return w;
}

/**
 * Index terms of a text, in order (duplicates kept; the caller counts them).
 * `maxTokens` stops early: descriptions only contribute their beginning.
 */
export function tokenize(text: string, maxTokens = Infinity): string[] {
  const out: string[] = [];
  if (!text || maxTokens <= 0) return out;
  let folded = foldText(text);
  if (folded.includes("'") || folded.includes('\u2019') || folded.includes('\u02bc'))
    folded = folded.replace(APOSTROPHES, '');
  if (folded.includes('+') || folded.includes('#')) {
    for (const [pattern, replacement] of PUNCTUATED_NAMES) folded = folded.replace(pattern, replacement);
  }
  for (const word of folded.split(NON_WORD)) {
    if (word.length < 2 || word.length > MAX_TOKEN_LENGTH || STOP_WORDS.has(word)) continue;
    // Numbers (years, versions, room numbers, durations) are almost always noise in a "related"
    // signal; mixed tokens such as "39c3", "ipv6" or "x86" are kept. The regex only runs for
    // tokens that start with a digit or a non-ASCII character.
    const first = word.charCodeAt(0);
    if (((first >= 48 && first <= 57) || first > 127) && ONLY_DIGITS.test(word)) continue;
    const stemmed = stem(word);
    if (stemmed !== word && STOP_WORDS.has(stemmed)) continue; // "talking", "shows", "years"
    out.push(stemmed);
    if (out.length >= maxTokens) break;
  }
  return out;
}

/**
 * The words of a person's name, folded but neither stemmed nor stop-listed ("Die Antwoord" must stay
 * a name). Used to build one token per speaker.
 */
export function nameWords(name: string): string[] {
  return foldText(name).replace(APOSTROPHES, '').match(WORD) ?? [];
}
