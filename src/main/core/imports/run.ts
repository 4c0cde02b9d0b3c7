import type { DateOrder, ImportMapping, ImportSummary } from '../../../shared/dto/imports';
import type { AuditActor } from '../audit/log';
import { auditLog } from '../audit/log';
import type { Sqlite } from '../db/open';
import { UserError } from '../errors';
import { csvLines, UTF8_BOM } from '../exports/csv';
import { registeredPatients, type RegisteredPatients } from './registered';
import { phoneDigits, searchText } from '../patients/search-text';
import type { DecodedCsv } from './decode';
import { parseCsv } from './parse';
import { deferPatientIndexes } from './deferred-indexes';
import { patientInserter } from './insert';
import { deferPatientTriggers } from './deferred-triggers';
import { fieldColumns, rowToPatient, type FieldColumns, type ImportedPatient } from './rows';
import { localDate } from '../time/zone';

export interface ImportOptions {
  mapping: ImportMapping;
  dateOrder: DateOrder | null;
  dryRun: boolean;
  actor: AuditActor;
  now: number;
  timeZone: string;
  onProgress?: (fraction: number, rows: number) => void;
}

/** A patient list row is rarely under 50 characters: a generous guess of the file's row count. */
const expectedRows = (text: string) => Math.ceil(text.length / 50);

/** A mapping must name the name (whole, or first and last) and the date of birth. */
export function checkMapping(mapping: ImportMapping, headers: string[]): void {
  for (const [field, column] of Object.entries(mapping)) {
    if (!headers.includes(column))
      throw new UserError('invalid_input', `The column "${column}" chosen for ${field} is not in the file.`);
  }
  if (!mapping.fullName && !(mapping.firstName || mapping.lastName))
    throw new UserError('invalid_input', "Choose the column that holds the patient's name.");
  if (!mapping.dateOfBirth)
    throw new UserError('invalid_input', 'Choose the column that holds the date of birth.');
}

/**
 * Imports (or, on a dry run, classifies) every row of a CSV file in one pass: a row is added,
 * looks like a patient already registered (same external id, or the registration form's duplicate
 * rules: same name and date of birth, or same phone — against the database and the rows above it),
 * or is invalid with the form's reason. The real run writes every new patient and one audit entry
 * in ONE transaction: a refused file or a crash leaves the database as it was. Because the file's
 * own rows are checked in memory in both modes, the dry run and the real run always agree.
 */
export function importPatients(
  sqlite: Sqlite,
  { text, encoding }: DecodedCsv,
  options: ImportOptions,
): ImportSummary {
  // Read inside the real run's transaction: no one can register a patient between this and the end.
  let registered: RegisteredPatients;
  const audit = auditLog(sqlite, { now: () => new Date(options.now) });

  const counts = { rows: 0, added: 0, existing: 0, invalid: 0 };
  const reasons: Record<string, number> = {};
  const rejected: string[][] = [];
  const seenExternal = new Map<string, number>();
  const seenNameBirth = new Map<string, number>();
  const seenPhone = new Map<string, number>();
  let headers: string[] = [];
  let columns: FieldColumns = {};
  const today = localDate(options.now, options.timeZone);

  const reject = (kind: 'invalid' | 'existing', cells: string[], reason: string, key = reason) => {
    counts[kind] += 1;
    reasons[key] = (reasons[key] ?? 0) + 1;
    rejected.push([...cells, reason]);
  };

  /** The search name and phone digits of a row: worked out once, for the checks and the insert. */
  const keys = { searchName: '', phoneDigits: null as string | null };

  const classify = (patient: ImportedPatient, rowNumber: number): string | null => {
    if (patient.externalId !== null) {
      const earlier = seenExternal.get(patient.externalId);
      if (earlier !== undefined) return `Same ID as row ${earlier}.`;
      const stored = registered.withExternalId(patient.externalId);
      if (stored !== undefined) return `Already imported as ${stored}.`;
    }
    keys.searchName = searchText(patient.fullName);
    keys.phoneDigits = phoneDigits(patient.phone);
    const nameBirth = `${keys.searchName}|${patient.dateOfBirth}`;
    const digits = keys.phoneDigits;
    const phoneKey = digits && digits.length >= 6 ? digits : null;
    const earlier = seenNameBirth.get(nameBirth) ?? (phoneKey ? seenPhone.get(phoneKey) : undefined);
    if (earlier !== undefined)
      return `Looks like row ${earlier} (same name and date of birth, or same phone).`;
    const same = registered.samePerson(patient, nameBirth, phoneKey);
    if (same) return `Looks like ${same.patientNumber} (${same.why}).`;
    if (patient.externalId !== null) seenExternal.set(patient.externalId, rowNumber);
    seenNameBirth.set(nameBirth, rowNumber);
    if (phoneKey) seenPhone.set(phoneKey, rowNumber);
    return null;
  };

  const work = () => {
    registered = registeredPatients(sqlite, expectedRows(text));
    // The real run: one reused INSERT with numbers counted on in memory, and the search index and
    // version counter brought up to date once at the end (all inside this transaction).
    const insert = options.dryRun ? null : patientInserter(sqlite, options.now);
    const triggers = options.dryRun ? null : deferPatientTriggers(sqlite);
    // A file as large as the clinic: its indexes are built once at the end (rows are compared with
    // registered patients in memory then, not through these indexes).
    const indexes =
      options.dryRun || !registered.inMemory || registered.count > expectedRows(text)
        ? null
        : deferPatientIndexes(sqlite);
    const parsed = parseCsv(text, {
      onHeaders: (found) => {
        headers = found;
        checkMapping(options.mapping, found);
        columns = fieldColumns(found, options.mapping);
      },
      onRow: (cells, rowNumber) => {
        counts.rows += 1;
        const outcome = rowToPatient(cells, headers, options.mapping, options.dateOrder, today, columns);
        if (!outcome.ok) return reject('invalid', cells, outcome.reason);
        const existing = classify(outcome.patient, rowNumber);
        if (existing !== null)
          return reject('existing', cells, existing, 'Looks like a patient already registered.');
        counts.added += 1;
        insert?.add(outcome.patient, keys.searchName, keys.phoneDigits);
      },
      onProgress: options.onProgress,
    });
    insert?.flush();
    indexes?.restore();
    triggers?.restore();
    if (!options.dryRun) {
      audit.record(options.actor, {
        action: 'import',
        entity: 'patient',
        summary: `Imported patients from CSV: ${counts.added} added, ${counts.existing} already registered, ${counts.invalid} invalid (${counts.rows} rows).`,
      });
    }
    return parsed;
  };
  const parsed = options.dryRun ? work() : sqlite.transaction(work).immediate();
  return {
    dryRun: options.dryRun,
    ...counts,
    reasons,
    rejectedCsv: rejected.length === 0 ? '' : UTF8_BOM + csvLines([[...headers, 'reason'], ...rejected]),
    encoding,
    delimiter: parsed.delimiter,
  };
}
