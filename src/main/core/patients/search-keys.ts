/**
 * Which patients a typed word or number can match, kept in memory next to the name order: every
 * word of every name (split as the FTS tokenizer splits it) and every patient number, each sorted,
 * with the ids that have it. The words a typed prefix begins are adjacent in that order, so one
 * binary search finds them all and a running count says how many patients they hold before any is
 * read. A search then tests only the patients of its rarest typed word (and of the numbers the
 * query begins) instead of walking every name.
 */
export interface SearchKeys {
  /** Every distinct word of the names, in UTF-16 order (a prefix's words are adjacent). */
  words: string[];
  /** The ids whose name has each word, ascending; same order as `words`. */
  holders: number[][];
  /** How many (word, id) pairs come before each word: `before[i]`, and the total at the end. */
  before: Int32Array;
  /** Every patient number, in UTF-16 order. */
  numbers: string[];
  /** The id holding each number, same order. */
  numberIds: number[];
}

/** A patient as the keys see it. */
export interface KeyedPatient {
  id: number;
  name: string;
  number: string;
}

const WORD_SPLIT = /[^\p{L}\p{N}]+/u;
/** Most search names: lower-case ASCII letters and digits between single spaces. */
const PLAIN = /^[a-z0-9 ]*$/;

/** The distinct words of a search name, as the FTS tokenizer (unicode61) splits them. */
export function nameWords(name: string): string[] {
  const parts = PLAIN.test(name) ? name.split(' ') : name.split(WORD_SPLIT);
  // Usually every part is a distinct word: keep the split's own array (one array per patient
  // matters when 200,000 names are split at once).
  if (parts.every((word, i) => word.length > 0 && parts.indexOf(word) === i)) return parts;
  const words: string[] = [];
  for (const word of parts) if (word.length > 0 && !words.includes(word)) words.push(word);
  return words;
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** First index in `sorted` (ascending) whose text is not below `text`. */
function lowerBound(sorted: readonly string[], text: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((sorted[mid] ?? '') < text) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The positions [from, to) of the texts in `sorted` that begin with `prefix`. */
export function prefixRange(sorted: readonly string[], prefix: string): [from: number, to: number] {
  const from = lowerBound(sorted, prefix);
  let low = from;
  let high = sorted.length;
  // From `from` on, the texts that begin with the prefix come first, then none does.
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((sorted[mid] ?? '').startsWith(prefix)) low = mid + 1;
    else high = mid;
  }
  return [from, low];
}

function runningCounts(holders: readonly number[][]): Int32Array {
  const before = new Int32Array(holders.length + 1);
  for (let i = 0; i < holders.length; i++) before[i + 1] = (before[i] ?? 0) + (holders[i]?.length ?? 0);
  return before;
}

/**
 * The keys of every patient: `wordsAt(at)` and `numbers[at]` belong to the patient at position
 * `at` of the name order, and `ranks` maps an id to its position (-1 for none). The words are asked
 * for one patient at a time (split again from the name) rather than held for every patient.
 */
export function buildSearchKeys(
  ranks: Int32Array,
  wordsAt: (at: number) => readonly string[],
  numbersAt: readonly string[],
): SearchKeys {
  const byWord = new Map<string, number[]>();
  const numbers: string[] = [];
  const numberIds: number[] = [];
  let sorted = true;
  // In id order, so each word's ids come out ascending, and so do the numbers when (as the app
  // gives them) they grow with the id: then they need no sort.
  for (let id = 0; id < ranks.length; id++) {
    const at = ranks[id] ?? -1;
    if (at < 0) continue;
    for (const word of wordsAt(at)) {
      const list = byWord.get(word);
      if (list) list.push(id);
      else byWord.set(word, [id]);
    }
    const number = numbersAt[at] ?? '';
    if (numbers.length > 0 && number < (numbers.at(-1) ?? '')) sorted = false;
    numbers.push(number);
    numberIds.push(id);
  }
  const words = [...byWord.keys()].sort(byText);
  const keys = { words, holders: words.map((word) => byWord.get(word) ?? []), numbers, numberIds };
  if (!sorted) {
    const numbered = numbers.map((number, i) => ({ number, id: numberIds[i] ?? 0 }));
    numbered.sort((a, b) => byText(a.number, b.number) || a.id - b.id);
    keys.numbers = numbered.map((p) => p.number);
    keys.numberIds = numbered.map((p) => p.id);
  }
  return { ...keys, before: runningCounts(keys.holders) };
}

/** Where `id` is, or goes, in an ascending list. */
function idPosition(list: readonly number[], id: number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((list[mid] ?? 0) < id) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Where (number, id) is, or goes, in the numbers' order. */
function numberPosition(keys: SearchKeys, number: string, id: number): number {
  let low = 0;
  let high = keys.numbers.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    const c = byText(keys.numbers[mid] ?? '', number) || (keys.numberIds[mid] ?? 0) - id;
    if (c < 0) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * The keys with one patient's entry replaced: `was` is what the keys held for it (undefined for
 * a new patient), `now` what the database holds (undefined once deleted). Equal to building the
 * keys again from every patient.
 */
export function patchSearchKeys(
  keys: SearchKeys,
  was: KeyedPatient | undefined,
  now: KeyedPatient | undefined,
): SearchKeys {
  const words = [...keys.words];
  const holders = [...keys.holders];
  const numbers = [...keys.numbers];
  const numberIds = [...keys.numberIds];
  const next = { ...keys, words, holders, numbers, numberIds };
  if (was) {
    for (const word of nameWords(was.name)) {
      const at = lowerBound(words, word);
      if (words[at] !== word) continue;
      const list = (holders[at] ?? []).filter((id) => id !== was.id);
      if (list.length > 0) holders[at] = list;
      else {
        words.splice(at, 1);
        holders.splice(at, 1);
      }
    }
    const at = numberPosition(next, was.number, was.id);
    if (numberIds[at] === was.id) {
      numbers.splice(at, 1);
      numberIds.splice(at, 1);
    }
  }
  if (now) {
    for (const word of nameWords(now.name)) {
      const at = lowerBound(words, word);
      if (words[at] === word) {
        const list = [...(holders[at] ?? [])];
        list.splice(idPosition(list, now.id), 0, now.id);
        holders[at] = list;
      } else {
        words.splice(at, 0, word);
        holders.splice(at, 0, [now.id]);
      }
    }
    const at = numberPosition(next, now.number, now.id);
    numbers.splice(at, 0, now.number);
    numberIds.splice(at, 0, now.id);
  }
  return { words, holders, before: runningCounts(holders), numbers, numberIds };
}
