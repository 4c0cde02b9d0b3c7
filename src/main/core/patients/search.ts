import type { Page, PatientSummary } from '../../../shared/dto';
import type { Sqlite } from '../db/open';
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
}

/**
 * Every patient's position in name order (search_name, id), read from the name index and kept
 * in memory (4 bytes a patient) so many hits can be put in order without reading their rows.
 * It is rebuilt when the FTS index's structure record changes: every insert, rename, phone
 * change or delete of a patient writes that record (the FTS triggers), in any connection.
 */
function nameOrder(sqlite: Sqlite): { current(): { ranks: Int32Array; idAt: number[] } } {
  const version = sqlite.prepare<[], Buffer>('SELECT block FROM patients_fts_data WHERE id = 10').pluck();
  const ids = sqlite
    .prepare<[], number>(
      'SELECT id FROM patients INDEXED BY patients_search_name_idx ORDER BY search_name, id',
    )
    .pluck();
  let built: { version: Buffer | undefined; ranks: Int32Array; idAt: number[] } | null = null;
  return {
    current() {
      const now = version.get();
      if (built && (now === built.version || (now && built.version && now.equals(built.version))))
        return built;
      const ordered = ids.all();
      const ranks = new Int32Array((ordered.reduce((m, id) => Math.max(m, id), 0) || 0) + 1);
      ordered.forEach((id, i) => (ranks[id] = i));
      built = { version: now, ranks, idAt: ordered };
      return built;
    },
  };
}

/**
 * Patient search, prepared once because it runs on every keystroke. An empty query browses in
 * name order along `patients_search_name_idx`; otherwise hits come from the FTS index (name words,
 * phone) and the patient-number index, so no path scans the patients table.
 *
 * Where the time goes with many matches (a one-letter prefix matches ~15,000 of 200,000
 * patients): joining every hit to its row to sort by name, and counting every hit. So the hits
 * are first counted only up to COUNT_CAP + 1. Up to the cap, the hits are joined and sorted as
 * before and the total is exact. Past it, the page is read by walking the name index in order,
 * keeping rows whose name or phone could match (a GLOB / instr pre-filter that never drops a
 * real match) and that the FTS index confirms, which stops after one page; the total is then
 * reported as COUNT_CAP with `totalCapped`.
 */
export function patientSearch(sqlite: Sqlite): PatientSearch {
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

  /** The page of many hits: ranked in name order in memory, rows read only for the page. */
  const rankedPage = (ids: number[], inactive: boolean, offset: number, limit: number) => {
    const { ranks, idAt } = order.current();
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
  return Object.assign(search, {
    statements: { browse: browseSql, match: matchSql, capped: cappedSql, hitIds: hitIdsSql },
  });
}
