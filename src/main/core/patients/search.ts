import type { Page, PatientSummary } from '../../../shared/dto';
import type { Sqlite } from '../db/open';
import { initialsMask, nameMatches, nameOrder, type NameOrderSource } from './name-order';
import { prefixRange } from './search-keys';
import { phoneDigits, prefixEnd, searchText } from './search-text';

export interface PatientRow {
  id: number;
  patient_number: string;
  full_name: string;
  date_of_birth: string;
  sex: PatientSummary['sex'];
  phone: string | null;
  email: string | null;
  active: number;
}

export const SUMMARY_COLUMNS =
  'p.id, p.patient_number, p.full_name, p.date_of_birth, p.sex, p.phone, p.email, p.active';

export const toSummary = (row: PatientRow): PatientSummary => ({
  id: row.id,
  patientNumber: row.patient_number,
  fullName: row.full_name,
  dateOfBirth: row.date_of_birth,
  sex: row.sex,
  phone: row.phone,
  email: row.email,
  active: row.active === 1,
});

const quote = (token: string): string => `"${token.replace(/"/g, '""')}"`;

/** Words as the FTS tokenizer (unicode61) sees them: runs of letters and digits. */
export const nameTokens = (query: string): string[] =>
  searchText(query)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((token) => token.length > 0)
    .slice(0, 8);

/**
 * Digits a phone search should look for: a leading international prefix (00) or trunk prefix (0)
 * is dropped, because the index also holds each number without its country code.
 */
export function phoneSearchDigits(query: string): string | null {
  if (!/^[+\d\s().-]+$/.test(query)) return null;
  let digits = phoneDigits(query) ?? '';
  if (digits.startsWith('00')) digits = digits.slice(2);
  else if (digits.startsWith('0')) digits = digits.slice(1);
  return digits.length >= 3 ? digits : null;
}

/**
 * The FTS5 query for a search: every typed word must begin some word of the name ("amara gar"
 * finds "Amara Garcia"), or the digits must begin the phone number with or without its country
 * code. Null when the query has nothing to match on.
 */
export function ftsQuery(query: string): string | null {
  const parts: string[] = [];
  const tokens = nameTokens(query);
  if (tokens.length > 0) parts.push(`name : (${tokens.map((t) => `${quote(t)} *`).join(' AND ')})`);
  const digits = phoneSearchDigits(query);
  if (digits) parts.push(`phone : ${quote(digits)} *`);
  return parts.length > 0 ? parts.join(' OR ') : null;
}

/** Beyond this many matches the exact total is not worth its cost: the screen says "500+". */
export const COUNT_CAP = 500;

export interface PatientSearch {
  (input: { query: string; includeInactive: boolean; offset: number; limit: number }): Page<PatientSummary>;
  /** The SQL each search path runs, for the EXPLAIN QUERY PLAN test. */
  readonly statements: { browse: string; match: string; capped: string; hitIds: string; page: string };
  /** The names in memory, for writers to patch after a change (see `tracked`). */
  readonly order: NameOrderSource;
  /**
   * Runs `write` in an immediate transaction; it changes only the patients it returns in `ids`.
   * After the commit those entries of the names in memory are patched, so the next search does
   * not read every patient again.
   */
  writePatients<T>(write: () => { value: T; ids: number[] }): T;
}

/**
 * Which in-memory path a name or number search takes: 'auto' chooses per query; the tests force
 * 'walk' (every name in order) or 'keys' (the rarest word's patients only), or 'off' (the indexes).
 */
export type MemoryPath = 'auto' | 'walk' | 'keys' | 'off';

/**
 * Patient search, prepared once because it runs on every keystroke. An empty query browses in
 * name order along `patients_search_name_idx`; a phone search reads the FTS index (phone digits).
 *
 * A name or number search answers from the names in memory (name-order.ts): reading thousands of
 * hits out of the FTS index for a short prefix (a one-letter prefix matches ~15,000 of 200,000
 * patients, "p" every patient number), putting them in name order and counting them was where the
 * time went. It tests patients in name order as the FTS and number indexes would, and stops as
 * soon as it has its page and more than COUNT_CAP hits ("500+"), or has tested every candidate (an
 * exact total). The candidates are the patients holding a word that the rarest typed word begins,
 * plus those whose number the query begins (search-keys.ts): a rare prefix tests a few hundred
 * patients instead of walking all 200,000 names (that full walk made the slowest 5 % of searches
 * 2–4 ms on the ten-year clinic). A common single word or number prefix walks every name in order
 * instead, because it fills the page within the first few thousand names.
 *
 * The index path (memory 'off', and phone searches): the hits are counted up to COUNT_CAP + 1; up
 * to the cap they are joined and sorted and the total is exact; past it the hit ids are put in
 * name order by rank and only the page's rows are read. Every path gives the same answers (a test
 * compares them on random prefixes).
 */
export function patientSearch(sqlite: Sqlite, options: { memory?: MemoryPath } = {}): PatientSearch {
  const memory = options.memory ?? 'auto';
  const browseSql = `SELECT ${SUMMARY_COLUMNS} FROM patients p
     WHERE (@inactive = 1 OR p.active = 1) ORDER BY p.search_name, p.id LIMIT @limit OFFSET @offset`;
  const browseCountSql = `SELECT count(*) AS n FROM patients p WHERE (@inactive = 1 OR p.active = 1)`;
  const hits = `WITH hits(id) AS (
       SELECT rowid FROM patients_fts WHERE @match IS NOT NULL AND patients_fts MATCH @match
       UNION
       SELECT id FROM patients WHERE patient_number >= @number AND patient_number < @numberEnd)`;
  const matchSql = `${hits} SELECT ${SUMMARY_COLUMNS} FROM hits JOIN patients p ON p.id = hits.id
     WHERE (@inactive = 1 OR p.active = 1) ORDER BY p.search_name, p.id LIMIT @limit OFFSET @offset`;
  const cappedSql = `SELECT count(*) AS n FROM (
       SELECT 1 FROM (
         SELECT rowid AS id FROM patients_fts WHERE @match IS NOT NULL AND patients_fts MATCH @match
         UNION ALL
         SELECT id FROM patients WHERE patient_number >= @number AND patient_number < @numberEnd
       ) AS hits JOIN patients p ON p.id = hits.id
       WHERE (@inactive = 1 OR p.active = 1) LIMIT ${COUNT_CAP + 1})`;
  const hitIdsSql = `SELECT rowid FROM patients_fts WHERE patients_fts MATCH @match
     UNION ALL SELECT id FROM patients WHERE patient_number >= @number AND patient_number < @numberEnd`;
  const browse = sqlite.prepare<Record<string, unknown>, PatientRow>(browseSql);
  const browseCount = sqlite.prepare<Record<string, unknown>, { n: number }>(browseCountSql);
  const match = sqlite.prepare<Record<string, unknown>, PatientRow>(matchSql);
  const capped = sqlite.prepare<Record<string, unknown>, { n: number }>(cappedSql);
  const hitIds = sqlite.prepare<Record<string, unknown>, number>(hitIdsSql).pluck();
  const byId = sqlite.prepare<[number], PatientRow>(
    `SELECT ${SUMMARY_COLUMNS} FROM patients p WHERE p.id = ?`,
  );
  const order = nameOrder(sqlite);
  // The page's rows in one statement, in the order of the ids given (25 single-row reads cost
  // four times as much).
  const pageSql = `SELECT ${SUMMARY_COLUMNS} FROM json_each(?) AS j JOIN patients p ON p.id = j.value ORDER BY j.key`;
  const pageRows = sqlite.prepare<[string], PatientRow>(pageSql);

  /** The page of many hits: ranked in name order in memory, rows read only for the page. */
  const rankedPage = (ids: number[], inactive: boolean, offset: number, limit: number) => {
    const { ranks, ids: idAt } = order.current();
    const hitRanks = new Int32Array(ids.length);
    ids.forEach((id, i) => (hitRanks[i] = ranks[id] ?? -1));
    hitRanks.sort();
    const items: PatientSummary[] = [];
    let skipped = 0;
    let previous = -1;
    for (const rank of hitRanks) {
      if (rank === previous || rank < 0) continue;
      previous = rank;
      const row = byId.get(idAt[rank] ?? 0);
      if (!row || (!inactive && row.active !== 1)) continue;
      if (skipped < offset) skipped += 1;
      else items.push(toSummary(row));
      if (items.length >= limit) break;
    }
    return items;
  };

  /** Bits of the name-order positions a search tests; cleared after each search. */
  let marks = new Uint32Array(0);

  /**
   * The page and total from the names in memory, or null for a phone search (the FTS index
   * answers those) or when the in-memory paths are turned off (`memory: 'off'`, for the tests).
   * Each patient is tested as the FTS and number indexes would, in name order, stopping once the
   * page is full and more than COUNT_CAP matched ("500+"); without a stop the total is exact.
   */
  const pageInMemory = (
    query: string,
    inactive: boolean,
    offset: number,
    limit: number,
  ): Page<PatientSummary> | null => {
    if (memory === 'off' || phoneSearchDigits(query)) return null;
    const tokens = nameTokens(query);
    const number = query.toUpperCase();
    const { ids, names, numbers, active, initials, ranks, keys } = order.current();
    const wanted = initialsMask(tokens);
    const [numberFrom, numberTo] = prefixRange(keys.numbers, number);
    const anyNumber = numberTo > numberFrom;
    // The typed word whose words hold the fewest patients: every name match holds one of them.
    let rarest: [from: number, to: number] | null = null;
    let rarestCount = 0;
    for (const token of tokens) {
      const [from, to] = prefixRange(keys.words, token);
      const count = (keys.before[to] ?? 0) - (keys.before[from] ?? 0);
      if (rarest === null || count < rarestCount) [rarest, rarestCount] = [[from, to], count];
    }
    const candidates = rarestCount + (numberTo - numberFrom);
    const need = offset + limit;
    const stopAt = Math.max(COUNT_CAP + 1, need);
    const page: number[] = [];
    let hits = 0;
    const matches = (at: number): boolean => {
      if (!inactive && active[at] !== 1) return false;
      if (tokens.length > 0 && (initials[at]! & wanted) === wanted && nameMatches(names[at] ?? '', tokens)) {
        return true;
      }
      return anyNumber && (numbers[at] ?? '').startsWith(number);
    };
    // Walk every name in order when matches are so common that the walk soon stops (one typed
    // word or a number prefix shared by many patients): cheaper than marking them all first.
    const walk =
      memory === 'walk' ||
      (memory === 'auto' && tokens.length <= 1 && candidates * candidates >= 2 * stopAt * ids.length);
    if (walk) {
      for (let at = 0; at < ids.length && !(hits > COUNT_CAP && hits >= need); at++) {
        if (!matches(at)) continue;
        hits += 1;
        if (hits > offset && hits <= need) page.push(ids[at] ?? 0);
      }
    } else {
      // Mark the candidates' places in name order, then test them in that order.
      if (marks.length !== (ids.length + 31) >>> 5) marks = new Uint32Array((ids.length + 31) >>> 5);
      const mark = (id: number) => {
        const at = ranks[id] ?? -1;
        if (at >= 0) marks[at >>> 5]! |= 1 << (at & 31);
      };
      if (rarest) {
        for (let w = rarest[0]; w < rarest[1]; w++) for (const id of keys.holders[w] ?? []) mark(id);
      }
      for (let n = numberFrom; n < numberTo; n++) mark(keys.numberIds[n] ?? 0);
      scan: for (let word = 0; word < marks.length; word++) {
        let bits = marks[word]!;
        while (bits !== 0) {
          const at = (word << 5) + 31 - Math.clz32(bits & -bits);
          bits &= bits - 1;
          if (!matches(at)) continue;
          hits += 1;
          if (hits > offset && hits <= need) page.push(ids[at] ?? 0);
          if (hits > COUNT_CAP && hits >= need) break scan;
        }
      }
      marks.fill(0);
    }
    const items = page.length > 0 ? pageRows.all(JSON.stringify(page)).map(toSummary) : [];
    return hits > COUNT_CAP
      ? { items, total: COUNT_CAP, totalCapped: true, offset, limit }
      : { items, total: hits, offset, limit };
  };

  const search = (input: { query: string; includeInactive: boolean; offset: number; limit: number }) => {
    const query = input.query.trim();
    const inactive = input.includeInactive ? 1 : 0;
    const paging = { limit: input.limit, offset: input.offset };
    if (query === '') {
      return {
        items: browse.all({ inactive, ...paging }).map(toSummary),
        total: browseCount.get({ inactive })?.n ?? 0,
        offset: input.offset,
        limit: input.limit,
      };
    }
    const inMemory = pageInMemory(query, input.includeInactive, input.offset, input.limit);
    if (inMemory) return inMemory;
    const number = query.toUpperCase();
    const params = { inactive, match: ftsQuery(query), number, numberEnd: prefixEnd(number) };
    // UNION ALL may count a patient twice (name and number both match): only the cap's side of
    // the decision uses it, and the exact path below counts distinct patients.
    const upToCap = capped.get(params)?.n ?? 0;
    if (upToCap <= COUNT_CAP) {
      return {
        items: match.all({ ...params, ...paging }).map(toSummary),
        total: matchCount.get(params)?.n ?? 0,
        offset: input.offset,
        limit: input.limit,
      };
    }
    return {
      items: rankedPage(hitIds.all(params), input.includeInactive, input.offset, input.limit),
      total: COUNT_CAP,
      totalCapped: true,
      offset: input.offset,
      limit: input.limit,
    };
  };
  const matchCount = sqlite.prepare<Record<string, unknown>, { n: number }>(
    `${hits} SELECT count(*) AS n FROM hits JOIN patients p ON p.id = hits.id
     WHERE (@inactive = 1 OR p.active = 1)`,
  );
  const writePatients = <T>(write: () => { value: T; ids: number[] }): T => {
    const done = sqlite
      .transaction(() => {
        const from = order.version();
        const { value, ids } = write();
        return { value, ids, from, to: order.version() };
      })
      .immediate();
    order.patch(done.ids, done.from, done.to);
    return done.value;
  };

  return Object.assign(search, {
    statements: { browse: browseSql, match: matchSql, capped: cappedSql, hitIds: hitIdsSql, page: pageSql },
    order,
    writePatients,
  });
}
