import Papa from 'papaparse';

export const EXPORT_COLUMNS = [
  'patient_number',
  'patient_name',
  'appointment_date',
  'appointment_time',
  'doctor',
  'department',
  'status',
  'diagnosis',
  'treatment_notes',
  'prescription',
  'next_visit',
] as const;

/**
 * Cells a spreadsheet would run as a formula (or that hide one behind a tab, CR or NUL) get a
 * leading apostrophe. papaparse's own pattern ends in `.*$`, which does not match across a line
 * break, so a multi-line note starting with "=" would slip through; this one tests the first
 * character only.
 */
export const FORMULA_START = /^[=+\-@\t\r\0]/;

export const UTF8_BOM = '\uFEFF';
export const CSV_NEWLINE = '\r\n';

/** RFC 4180 lines (CRLF, quoted where needed, formulas neutralised), each ending in CRLF. */
export function csvLines(rows: unknown[][]): string {
  if (rows.length === 0) return '';
  return (
    Papa.unparse(rows, {
      header: false,
      newline: CSV_NEWLINE,
      escapeFormulae: FORMULA_START,
      quotes: false,
    }) + CSV_NEWLINE
  );
}

export const csvHeader = (): string => UTF8_BOM + csvLines([[...EXPORT_COLUMNS]]);
