import type { Sqlite } from '../db/open';
import { buildSearchKeys, nameWords, patchSearchKeys, type SearchKeys } from './search-keys';

/**
 * Every patient in name order (search_name, id) with what a search tests — name, number, active —
 * read once from the name index and kept in memory (with the search keys, 27 MB for 200,000
 * patients), so a search with many hits can walk the names in the order it shows them and stop
 * at its page. Rebuilt when
 * `patients_version` has moved: its triggers count every insert, delete and change of a name,
 * phone, number or active flag, from any connection (drizzle/0006_patients_version.sql). The
 * app's own patient writes patch their entries in place instead (`patch`), so registering or
 * editing one patient does not cost the next search a read of every patient.
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
  /** The names' words and the numbers, sorted, with their patients (search-keys.ts). */
  keys: SearchKeys;
}

type NameRow = [id: number, name: string, number: string, active: number];

/**
 * SQLite's BINARY order of two texts (UTF-8 bytes, which is code point order) — not JavaScript's
 * `<`, which compares UTF-16 units and puts U+E000–U+FFFF after the characters beyond U+FFFF.
 */
export function compareText(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    // A surrogate (a code point beyond U+FFFF) sorts after every BMP unit it meets.
    if (xs !== ys) return xs ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

/**
 * Built from the rows as SQLite steps through them: holding all 200,000 rows (and every name's
 * words) at once before building doubled the heap the first search grew to (about 50 MB more), and
 * V8 keeps a heap it has grown to, which the app's whole-process memory then carries (the range
 * export's peak is measured on top of it).
 */
function buildOrder(rows: Iterable<NameRow>): NameOrder {
  const idList: number[] = [];
  const names: string[] = [];
  const numbers: string[] = [];
  const activeList: number[] = [];
  const initialsList: number[] = [];
  for (const [id, name, number, isActive] of rows) {
    idList.push(id);
    names.push(name);
    numbers.push(number);
    activeList.push(isActive === 1 ? 1 : 0);
    initialsList.push(initialsMask(nameWords(name)));
  }
  const ids = Int32Array.from(idList);
  const ranks = ranksOf(ids);
  return {
    ids,
    names,
    numbers,
    active: Uint8Array.from(activeList),
    initials: Int32Array.from(initialsList),
    ranks,
    keys: buildSearchKeys(ranks, (at) => nameWords(names[at] ?? ''), numbers),
  };
}

function ranksOf(ids: Int32Array): Int32Array {
  let maxId = 0;
  for (const id of ids) if (id > maxId) maxId = id;
  const ranks = new Int32Array(maxId + 1).fill(-1);
  ids.forEach((id, i) => (ranks[id] = i));
  return ranks;
}

function withoutAt<T extends Int32Array | Uint8Array>(array: T, at: number): T {
  const out = new (array.constructor as new (n: number) => T)(array.length - 1);
  out.set(array.subarray(0, at));
  out.set(array.subarray(at + 1), at);
  return out;
}

function withAt<T extends Int32Array | Uint8Array>(array: T, at: number, value: number): T {
  const out = new (array.constructor as new (n: number) => T)(array.length + 1);
  out.set(array.subarray(0, at));
  out[at] = value;
  out.set(array.subarray(at), at + 1);
  return out;
}

/**
 * The order with some patients' entries replaced by what the database holds now: each changed id
 * leaves its place, and (unless it was deleted) goes in again where (search_name, id) puts it.
 */
function patchOrder(order: NameOrder, changed: Map<number, NameRow | undefined>): NameOrder {
  let { ids, active, initials, keys } = order;
  const names = [...order.names];
  const numbers = [...order.numbers];
  for (const [id, row] of changed) {
    let at = -1;
    for (let i = 0; i < ids.length; i++) {
      if (ids[i] === id) {
        at = i;
        break;
      }
    }
    const was = at >= 0 ? { id, name: names[at] ?? '', number: numbers[at] ?? '' } : undefined;
    keys = patchSearchKeys(keys, was, row ? { id, name: row[1], number: row[2] } : undefined);
    if (at >= 0) {
      ids = withoutAt(ids, at);
      active = withoutAt(active, at);
      initials = withoutAt(initials, at);
      names.splice(at, 1);
      numbers.splice(at, 1);
    }
    if (!row) continue;
    const [, name, number, isActive] = row;
    let low = 0;
    let high = ids.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const c = compareText(names[mid] ?? '', name) || (ids[mid] ?? 0) - id;
      if (c < 0) low = mid + 1;
      else high = mid;
    }
    ids = withAt(ids, low, id);
    active = withAt(active, low, isActive === 1 ? 1 : 0);
    initials = withAt(initials, low, initialsMask(nameWords(name)));
    names.splice(low, 0, name);
    numbers.splice(low, 0, number);
  }
  return { ids, names, numbers, active, initials, ranks: ranksOf(ids), keys };
}

export interface NameOrderSource {
  /** The order as the database holds it now (rebuilt when patients_version has moved). */
  current(): NameOrder;
  /** patients_version now: read it before and after a write, inside the write's transaction. */
  version(): number;
  /**
   * After a committed write that changed only `ids` and moved patients_version from `from` to `to`:
   * update those entries in place instead of reading every patient again. If the order in memory
   * was not at `from` (another connection wrote too), nothing is patched and the next search
   * rebuilds it as before.
   */
  patch(ids: readonly number[], from: number, to: number): void;
  /** How many times the whole order was read from the database (for the tests). */
  builds(): number;
}

export function nameOrder(sqlite: Sqlite): NameOrderSource {
  const version = sqlite.prepare<[], number>('SELECT n FROM patients_version WHERE id = 1').pluck();
  const rows = sqlite
    .prepare<[], NameRow>(
      `SELECT id, search_name, patient_number, active FROM patients INDEXED BY patients_search_name_idx
       ORDER BY search_name, id`,
    )
    .raw();
  const one = sqlite
    .prepare<[number], NameRow>('SELECT id, search_name, patient_number, active FROM patients WHERE id = ?')
    .raw();
  let built: { version: number | undefined; order: NameOrder } | null = null;
  let builds = 0;
  return {
    current() {
      const now = version.get();
      if (built && built.version === now) return built.order;
      builds += 1;
      built = { version: now, order: buildOrder(rows.iterate()) };
      return built.order;
    },
    version: () => version.get() ?? 0,
    patch(ids, from, to) {
      if (!built || built.version !== from) return;
      const changed = new Map<number, NameRow | undefined>();
      for (const id of ids) changed.set(id, one.get(id));
      built = { version: to, order: patchOrder(built.order, changed) };
    },
    builds: () => builds,
  };
}

const WORD_CHAR = /[\p{L}\p{N}]$/u;

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
