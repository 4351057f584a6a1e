/**
 * Name entry by pinyin for citizens who cannot write on a screen: the citizen taps the letters
 * of one syllable, the matching characters appear as large buttons, a tap on one adds it to the
 * name. Candidates come from a bundled dictionary of characters common in names
 * (resources/pinyin/name-characters.json): the syllable typed exactly first, then syllables
 * that start with what was typed. Letters that cannot continue any syllable are disabled, so a
 * wrong tap is not possible.
 */
import { z } from 'zod';

export interface PinyinDictionary {
  /** syllable (toneless, ü as v) → characters, most common in names first */
  readonly syllables: ReadonlyMap<string, readonly string[]>;
  /** every prefix of every syllable, for the letters that may come next */
  readonly prefixes: ReadonlySet<string>;
}

const DictionaryFile = z.object({
  syllables: z.record(z.string().regex(/^[a-z]{1,6}$/), z.string().min(1)),
});

/** Parses the dictionary file; a malformed file gives an empty dictionary (and says so). */
export function loadDictionary(raw: unknown): PinyinDictionary | null {
  const parsed = DictionaryFile.safeParse(raw);
  if (!parsed.success) return null;
  const syllables = new Map<string, string[]>();
  const prefixes = new Set<string>();
  for (const [syllable, chars] of Object.entries(parsed.data.syllables)) {
    syllables.set(syllable, Array.from(chars));
    for (let i = 1; i <= syllable.length; i += 1) prefixes.add(syllable.slice(0, i));
  }
  return { syllables, prefixes };
}

/** Characters for what has been typed: exact syllable first, then longer ones, no repeats. */
export function candidates(dict: PinyinDictionary, typed: string, limit = 60): string[] {
  const input = typed.toLowerCase();
  if (input === '') return [];
  const out: string[] = [];
  const seen = new Set<string>();
  const push = (chars: readonly string[] | undefined) => {
    for (const c of chars ?? []) {
      if (out.length >= limit) return;
      if (!seen.has(c)) {
        seen.add(c);
        out.push(c);
      }
    }
  };
  push(dict.syllables.get(input));
  const longer = [...dict.syllables.keys()]
    .filter((s) => s !== input && s.startsWith(input))
    .sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
  for (const s of longer) push(dict.syllables.get(s));
  return out;
}

/** Whole syllables that start with what was typed (tap one to complete the spelling). */
export function completions(dict: PinyinDictionary, typed: string, limit = 16): string[] {
  const input = typed.toLowerCase();
  if (input === '') return [];
  return [...dict.syllables.keys()]
    .filter((s) => s !== input && s.startsWith(input))
    .sort((a, b) => a.length - b.length || (a < b ? -1 : 1))
    .slice(0, limit);
}

/** Whether `letter` can follow `typed` in some syllable of the dictionary. */
export function canType(dict: PinyinDictionary, typed: string, letter: string): boolean {
  return dict.prefixes.has(`${typed}${letter}`.toLowerCase());
}

/** The keyboard rows: QWERTY, as on the phones most citizens know (v stands for ü). */
export const KEY_ROWS: readonly (readonly string[])[] = [
  ['q', 'w', 'e', 'r', 't', 'y', 'u', 'i', 'o', 'p'],
  ['a', 's', 'd', 'f', 'g', 'h', 'j', 'k', 'l'],
  ['z', 'x', 'c', 'v', 'b', 'n', 'm'],
];
