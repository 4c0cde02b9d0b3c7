import type { Sqlite } from '../db/open';
import { localParts } from '../time/zone';
import { BoundedCache } from '../bounded-cache';

export type ExportQuery =
  { kind: 'patient_history'; patientId: number } | { kind: 'range'; start: number; end: number };

const SELECT = `SELECT p.patient_number, p.full_name, a.starts_at, d.full_name, dep.name, a.status,
       t.diagnosis, t.treatment_notes, t.prescription, t.next_visit_date
  FROM appointments a
  JOIN patients p ON p.id = a.patient_id
  JOIN doctors d ON d.id = a.doctor_id
  JOIN departments dep ON dep.id = d.department_id
  LEFT JOIN treatments t ON t.appointment_id = a.id`;

/** The range export's query (start and end instants as parameters); the bench reuses it. */
export const rangeSql = (): string =>
  `${SELECT} WHERE a.starts_at >= ? AND a.starts_at < ? ORDER BY a.starts_at, a.id`;

/** A prepared statement in raw (array) mode: rows are never turned into objects. */
export function exportStatement(db: Sqlite, query: ExportQuery) {
  if (query.kind === 'patient_history') {
    const stmt = db
      .prepare<[number], unknown[]>(`${SELECT} WHERE a.patient_id = ? ORDER BY a.starts_at, a.id`)
      .raw(true);
    return () => stmt.iterate(query.patientId);
  }
  const stmt = db.prepare<[number, number], unknown[]>(rangeSql()).raw(true);
  return () => stmt.iterate(query.start, query.end);
}

/**
 * Local date and time of an instant, caching the zone's offset per quarter hour (every real
 * zone changes offset on a quarter-hour boundary): Intl per row would dominate a million-row export.
 */
export function localClock(timeZone: string) {
  const QUARTER = 15 * 60_000;
  const offsets = new BoundedCache<number, number>(50_000);
  return (instant: number): { date: string; time: string } => {
    const bucket = Math.floor(instant / QUARTER);
    let offset = offsets.get(bucket);
    if (offset === undefined) {
      const base = bucket * QUARTER;
      const p = localParts(base, timeZone);
      offset = offsets.set(bucket, Date.UTC(p.year, p.month - 1, p.day, 0, p.minute, p.second) - base);
    }
    const iso = new Date(instant + offset).toISOString();
    return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
  };
}

/** One raw result row as the CSV's columns. */
export function toCsvRow(
  raw: unknown[],
  clock: (instant: number) => { date: string; time: string },
): unknown[] {
  const [number, name, startsAt, doctor, department, status, diagnosis, notes, prescription, nextVisit] = raw;
  const local = clock(startsAt as number);
  return [
    number,
    name,
    local.date,
    local.time,
    doctor,
    department,
    status,
    diagnosis,
    notes,
    prescription,
    nextVisit,
  ];
}
