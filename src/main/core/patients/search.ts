import type { Page, PatientSummary } from '../../../shared/dto';
import type { Sqlite } from '../db/open';
import { initialsMask, nameMatches, nameOrder, type NameOrderSource } from './name-order';
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
  readonly statements: { browse: string; match: string; capped: string; hitIds: string };
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
 * How many names a search walks in memory before it leaves the page to the indexes. Measured on
 * the ten-year clinic (400 typed prefixes, one process, loaded machine): walking every name is
 * faster than the index path at every prefix length (p50 1.1 ms against 10 ms; a budget of
 * 12,000 or 40,000 names, falling back for rarer prefixes, lost to the full walk), because the
 * initials bit set rejects most names with one AND. A larger clinic falls back past this.
 */
export const WALK_BUDGET = 250_000;

/**
 * Patient search, prepared once because it runs on every keystroke. An empty query browses in
 * name order along `patients_search_name_idx`; otherwise hits come from the FTS index (name words,
 * phone) and the patient-number index, so no path scans the patients table.
 *
 * Where the time goes with many matches (a one-letter prefix matches ~15,000 of 200,000
 * patients, "p" every patient number): reading every hit out of the FTS or number index, putting
 * it in name order, and counting it. So a name or number search (not a phone one) first walks
 * the names in name order in memory (name-order.ts), testing each as the FTS index would, and
 * stops as soon as it has its page and more than COUNT_CAP hits ("500+"), or has seen every
 * patient (an exact total). Only when WALK_BUDGET names give no answer — a prefix few patients
 * share — do the indexes answer: the hits are counted up to COUNT_CAP + 1; up to the cap they are
 * joined and sorted and the total is exact; past it the hit ids are put in name order by rank
 * and only the page's rows are read. Both paths give the same answers (a test compares them).
 */
export function patientSearch(sqlite: Sqlite, options: { walkBudget?: number } = {}): PatientSearch {
  const walkBudget = options.walkBudget ?? WALK_BUDGET;
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
  const numberExists = sqlite
    .prepare<[string, string], number>(
      'SELECT 1 FROM patients WHERE patient_number >= ? AND patient_number < ? LIMIT 1',
    )
    .pluck();

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

  /** The page walked in name order in memory, or null when WALK_BUDGET names did not settle it. */
  const walkedPage = (
    query: string,
    inactive: boolean,
    offset: number,
    limit: number,
  ): Page<PatientSummary> | null => {
    if (phoneSearchDigits(query)) return null;
    const tokens = nameTokens(query);
    const number = query.toUpperCase();
    const { ids, names, numbers, active, initials } = order.current();
    const wanted = initialsMask(tokens);
    // Most searches are names: look at the numbers only if some patient number has this prefix.
    const anyNumber = numberExists.get(number, prefixEnd(number)) !== undefined;
    const page: number[] = [];
    const need = offset + limit;
    let hits = 0;
    let i = 0;
    for (; i < ids.length; i++) {
      if (hits > COUNT_CAP && hits >= need) break;
      if (i >= walkBudget) return null;
      if (!inactive && active[i] !== 1) continue;
      const byName =
        tokens.length > 0 && (initials[i]! & wanted) === wanted && nameMatches(names[i] ?? '', tokens);
      if (!(byName || (anyNumber && (numbers[i] ?? '').startsWith(number)))) continue;
      hits += 1;
      if (hits > offset && hits <= need) page.push(ids[i] ?? 0);
    }
    const items = page
      .map((id) => byId.get(id))
      .filter((row) => row !== undefined)
      .map(toSummary);
    const capped = i < ids.length || hits > COUNT_CAP;
    return capped
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
    const walked = walkedPage(query, input.includeInactive, input.offset, input.limit);
    if (walked) return walked;
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
    statements: { browse: browseSql, match: matchSql, capped: cappedSql, hitIds: hitIdsSql },
    order,
    writePatients,
  });
}
