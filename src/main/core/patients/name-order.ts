import type { Sqlite } from '../db/open';

/**
 * Every patient in name order (search_name, id) with what a search tests — name, number, active —
 * read once from the name index and kept in memory (about 80 bytes a patient), so a search with
 * many hits can walk the names in the order it shows them and stop at its page. Rebuilt when
 * `patients_version` has moved: its triggers count every insert, delete and change of a name,
 * phone, number or active flag, from any connection (drizzle/0006_patients_version.sql).
 */
export interface NameOrder {
  /** Patient ids in name order. */
  ids: Int32Array;
  /** search_name of each, same order. */
  names: string[];
  /** patient_number of each, same order. */
  numbers: string[];
  /** 1 when active, same order. */
  active: Uint8Array;
  /** The initials of each name's words as a bit set (initialsMask), same order. */
  initials: Int32Array;
  /** Position in name order of each patient id (-1 for ids that are not patients). */
  ranks: Int32Array;
}

export function nameOrder(sqlite: Sqlite): { current(): NameOrder } {
  const version = sqlite.prepare<[], number>('SELECT n FROM patients_version WHERE id = 1').pluck();
  const rows = sqlite
    .prepare<[], [number, string, string, number]>(
      `SELECT id, search_name, patient_number, active FROM patients INDEXED BY patients_search_name_idx
       ORDER BY search_name, id`,
    )
    .raw();
  let built: { version: number | undefined; order: NameOrder } | null = null;
  return {
    current() {
      const now = version.get();
      if (built && built.version === now) return built.order;
      const all = rows.all();
      const ids = new Int32Array(all.length);
      const names: string[] = new Array<string>(all.length);
      const numbers: string[] = new Array<string>(all.length);
      const active = new Uint8Array(all.length);
      const initials = new Int32Array(all.length);
      let maxId = 0;
      all.forEach(([id, name, number, isActive], i) => {
        ids[i] = id;
        names[i] = name;
        numbers[i] = number;
        active[i] = isActive === 1 ? 1 : 0;
        initials[i] = initialsMask(name.split(WORD_SPLIT));
        if (id > maxId) maxId = id;
      });
      const ranks = new Int32Array(maxId + 1).fill(-1);
      ids.forEach((id, i) => (ranks[id] = i));
      built = { version: now, order: { ids, names, numbers, active, initials, ranks } };
      return built.order;
    },
  };
}

const WORD_CHAR = /[\p{L}\p{N}]$/u;
const WORD_SPLIT = /[^\p{L}\p{N}]+/u;

/** One bit for a word's first character: a–z, a digit, anything else; ORed over the words. */
function initialBit(word: string): number {
  const c = word.charCodeAt(0);
  if (c >= 97 && c <= 122) return 1 << (c - 97);
  if (c >= 48 && c <= 57) return 1 << 26;
  return 1 << 27;
}

/**
 * The initials of some words as a bit set. A name can only match tokens whose initials are all
 * among its own (a token begins a word, so they share its first character): the walk tests this
 * with one AND before it looks at the name's text.
 */
export function initialsMask(words: string[]): number {
  let mask = 0;
  for (const word of words) if (word.length > 0) mask |= initialBit(word);
  return mask;
}

/** Does a word of `name` begin at `at`, as the FTS tokenizer (unicode61) splits it? */
function wordStartsAt(name: string, at: number): boolean {
  if (at === 0) return true;
  const before = name.charCodeAt(at - 1);
  if (before < 128) {
    return !(
      (before >= 48 && before <= 57) ||
      (before >= 65 && before <= 90) ||
      (before >= 97 && before <= 122)
    );
  }
  return !WORD_CHAR.test(name.slice(0, at));
}

/**
 * The FTS name match in memory: every token begins some word of `name` (tokens as nameTokens
 * makes them: lower-case, accent-free runs of letters and digits). No tokens, no match.
 */
export function nameMatches(name: string, tokens: string[]): boolean {
  if (tokens.length === 0) return false;
  for (const token of tokens) {
    let at = name.indexOf(token);
    while (at >= 0 && !wordStartsAt(name, at)) at = name.indexOf(token, at + 1);
    if (at < 0) return false;
  }
  return true;
}
