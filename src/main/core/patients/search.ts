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

export interface PatientSearch {
  (input: { query: string; includeInactive: boolean; offset: number; limit: number }): Page<PatientSummary>;
  /** The SQL each search path runs, for the EXPLAIN QUERY PLAN test. */
  readonly statements: { browse: string; match: string };
}

/**
 * Patient search, prepared once because it runs on every keystroke. An empty query browses in
 * name order along `patients_search_name_idx`; otherwise hits come from the FTS index (name words,
 * phone) and the patient-number index, so no path scans the patients table.
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
  const matchCountSql = `${hits} SELECT count(*) AS n FROM hits JOIN patients p ON p.id = hits.id
     WHERE (@inactive = 1 OR p.active = 1)`;

  const browse = sqlite.prepare<Record<string, unknown>, PatientRow>(browseSql);
  const browseCount = sqlite.prepare<Record<string, unknown>, { n: number }>(browseCountSql);
  const match = sqlite.prepare<Record<string, unknown>, PatientRow>(matchSql);
  const matchCount = sqlite.prepare<Record<string, unknown>, { n: number }>(matchCountSql);

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
    return {
      items: match.all({ ...params, ...paging }).map(toSummary),
      total: matchCount.get(params)?.n ?? 0,
      offset: input.offset,
      limit: input.limit,
    };
  };
  return Object.assign(search, { statements: { browse: browseSql, match: matchSql } });
}
