/**
 * Guide search: pure functions, no DOM. Every entry is searchable in both languages whatever
 * the screen language is (an English speaker may be standing at a Chinese screen).
 *
 * Rules (docs/guide.md):
 * - text is normalised first: NFKC (full-width letters and digits become half-width), lower
 *   case, punctuation of either language becomes a space;
 * - a Chinese run of the query matches where it is a substring of the entry's Chinese text;
 *   failing that, by the share of its informative character pairs (bigrams) the entry holds —
 *   Chinese has no spaces, so "补办社保卡" must still find "社保卡……补办";
 * - Latin words and numbers are tokens: a query word matches an entry word that equals it, that
 *   it begins (typing "replac" finds "replacement") or, for longer words, that begins it
 *   (plural and -ed/-ing endings are stripped first); English filler words are ignored;
 * - every term must match (best first, title over keywords over summary over body); when no
 *   entry matches every term, entries matching any term are offered as "related".
 */

export interface SearchSource {
  readonly id: string;
  readonly order: number;
  /** Texts in any language; each field is weighted differently. */
  readonly fields: Readonly<Record<SearchField, readonly string[]>>;
}

export type SearchField = 'title' | 'keywords' | 'summary' | 'body';

const WEIGHT: Readonly<Record<SearchField, number>> = {
  title: 8,
  keywords: 5,
  summary: 3,
  body: 1,
};
const FIELDS = Object.keys(WEIGHT) as SearchField[];

interface IndexedField {
  /** Normalised text with its Han characters, for substring matching. */
  readonly text: string;
  /** Stemmed Latin/number tokens. */
  readonly words: ReadonlySet<string>;
  readonly bigrams: ReadonlySet<string>;
}

interface IndexedEntry {
  readonly id: string;
  readonly order: number;
  readonly fields: Readonly<Record<SearchField, IndexedField>>;
  readonly bigrams: ReadonlySet<string>;
}

export interface GuideIndex {
  readonly entries: readonly IndexedEntry[];
  /** How many entries hold each bigram: a pair in most entries ("社保") says nothing. */
  readonly bigramEntries: ReadonlyMap<string, number>;
}

export interface GuideHit {
  readonly id: string;
  readonly score: number;
}

export interface GuideSearchResult {
  readonly hits: readonly GuideHit[];
  /** false when no entry matched every term and the hits are entries matching some. */
  readonly exact: boolean;
}

const HAN = /\p{Script=Han}/u;
const HAN_RUN = /\p{Script=Han}+/gu;
const WORD = /[a-z0-9]+/g;

/** Full-width → half-width, case folded, punctuation and symbols of both languages → space. */
export function normalise(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** A light English stemmer: enough that "cards", "replaced", "replacing" meet their roots. */
export function stem(word: string): string {
  if (/^\d+$/.test(word)) return word;
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 5 && word.endsWith('ing')) return word.slice(0, -3);
  if (word.length > 4 && word.endsWith('ed')) return word.slice(0, -2);
  if (word.length > 4 && /(s|x|z|ch|sh)es$/.test(word)) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

const ENGLISH_FILLER = new Set(
  'a an the i my me we our you your is are am be do does did can could how what where when which who why to of for in on at by with and or if it this that there please want need get'.split(
    ' ',
  ),
);

/** Question words that carry no topic; a Chinese run is cut at them. */
const CHINESE_FILLER = [
  '请问',
  '怎么办',
  '怎么',
  '怎样',
  '如何',
  '什么',
  '哪里',
  '哪儿',
  '可以',
  '需要',
  '我的',
  '的',
  '吗',
  '呢',
  '吧',
];

export type Term =
  | { readonly kind: 'han'; readonly text: string }
  | { readonly kind: 'word'; readonly text: string };

function words(normalised: string): string[] {
  return normalised.match(WORD) ?? [];
}

function bigramsOf(han: string): string[] {
  const chars = Array.from(han);
  if (chars.length < 2) return chars;
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(`${chars[i] ?? ''}${chars[i + 1] ?? ''}`);
  return out;
}

function cutFiller(run: string): string[] {
  let parts = [run];
  for (const filler of CHINESE_FILLER) parts = parts.flatMap((p) => p.split(filler));
  return parts.filter((p) => Array.from(p).length >= 2);
}

/** The query's terms; filler is dropped unless the query is nothing but filler. */
export function queryTerms(query: string): Term[] {
  const q = normalise(query);
  const hanRuns = q.match(HAN_RUN) ?? [];
  const han = hanRuns.flatMap(cutFiller);
  const allWords = words(q.replace(HAN_RUN, ' ')).map(stem);
  const meaningful = allWords.filter((w) => !ENGLISH_FILLER.has(w));
  const terms: Term[] = [
    ...(han.length > 0 || hanRuns.length === 0 ? han : hanRuns).map(
      (text) => ({ kind: 'han', text }) as const,
    ),
    ...(meaningful.length > 0 ? meaningful : allWords).map(
      (text) => ({ kind: 'word', text }) as const,
    ),
  ];
  // The same term twice adds nothing.
  const seen = new Set<string>();
  return terms.filter((t) => (seen.has(t.text) ? false : (seen.add(t.text), true)));
}

function indexField(texts: readonly string[]): IndexedField {
  const text = texts.map(normalise).join(' ');
  const bigrams = new Set((text.match(HAN_RUN) ?? []).flatMap(bigramsOf));
  return { text, words: new Set(words(text).map(stem)), bigrams };
}

export function buildIndex(sources: readonly SearchSource[]): GuideIndex {
  const bigramEntries = new Map<string, number>();
  const entries = sources.map((source) => {
    const fields = Object.fromEntries(
      FIELDS.map((f) => [f, indexField(source.fields[f])]),
    ) as Record<SearchField, IndexedField>;
    const bigrams = new Set(FIELDS.flatMap((f) => [...fields[f].bigrams]));
    for (const b of bigrams) bigramEntries.set(b, (bigramEntries.get(b) ?? 0) + 1);
    return { id: source.id, order: source.order, fields, bigrams };
  });
  return { entries, bigramEntries };
}

function wordMatches(term: string, have: ReadonlySet<string>): boolean {
  if (have.has(term)) return true;
  for (const w of have) {
    if (term.length >= 3 && w.startsWith(term)) return true;
    if (w.length >= 5 && term.startsWith(w)) return true;
  }
  return false;
}

/** Score of one term in one entry; 0 = no match. */
function termScore(term: Term, entry: IndexedEntry, index: GuideIndex): number {
  if (term.kind === 'word') {
    let score = 0;
    for (const f of FIELDS) if (wordMatches(term.text, entry.fields[f].words)) score += WEIGHT[f];
    return score;
  }
  let score = 0;
  for (const f of FIELDS) if (entry.fields[f].text.includes(term.text)) score += WEIGHT[f];
  if (score > 0) return score;
  // No exact substring: share of the informative pairs of characters found anywhere.
  const pairs = bigramsOf(term.text);
  if (pairs.length < 2) return 0;
  const common = Math.max(2, Math.ceil(index.entries.length * 0.6));
  const informative = pairs.filter((p) => (index.bigramEntries.get(p) ?? 0) < common);
  const counted = informative.length > 0 ? informative : pairs;
  const found = counted.filter((p) => entry.bigrams.has(p)).length;
  const share = found / counted.length;
  return share >= 0.5 ? share : 0;
}

const byScoreThenOrder =
  (order: ReadonlyMap<string, number>) =>
  (a: GuideHit, b: GuideHit): number =>
    b.score - a.score || (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0);

export function searchGuide(index: GuideIndex, query: string): GuideSearchResult {
  const terms = queryTerms(query);
  const order = new Map(index.entries.map((e) => [e.id, e.order]));
  if (terms.length === 0) {
    const hits = [...index.entries]
      .sort((a, b) => a.order - b.order)
      .map((e) => ({ id: e.id, score: 0 }));
    return { hits, exact: true };
  }
  const all: GuideHit[] = [];
  const some: GuideHit[] = [];
  for (const entry of index.entries) {
    const scores = terms.map((t) => termScore(t, entry, index));
    const total = scores.reduce((s, x) => s + x, 0);
    if (scores.every((s) => s > 0)) all.push({ id: entry.id, score: total });
    else if (total > 0) some.push({ id: entry.id, score: total });
  }
  const sort = byScoreThenOrder(order);
  if (all.length > 0) return { hits: all.sort(sort), exact: true };
  return { hits: some.sort(sort), exact: false };
}

/** True when the text has Chinese characters (for choosing a hint, not for matching). */
export const hasHan = (text: string): boolean => HAN.test(text);
