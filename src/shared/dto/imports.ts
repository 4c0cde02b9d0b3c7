/** Patient import from CSV: the fields a column can map to and what a dry run or import reports. */

export const IMPORT_FIELDS = [
  'externalId',
  'fullName',
  'firstName',
  'lastName',
  'dateOfBirth',
  'sex',
  'phone',
  'email',
  'address',
  'emergencyContact',
  'notes',
  'emailReminders',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

export const IMPORT_FIELD_LABELS: Record<ImportField, string> = {
  externalId: 'ID in the old system',
  fullName: 'Full name',
  firstName: 'First name',
  lastName: 'Last name',
  dateOfBirth: 'Date of birth',
  sex: 'Sex',
  phone: 'Phone',
  email: 'Email',
  address: 'Address',
  emergencyContact: 'Emergency contact',
  notes: 'Notes',
  emailReminders: 'Email reminders (yes/no)',
};

/** Field → the header of the column that holds it. */
export type ImportMapping = Partial<Record<ImportField, string>>;

/** How the clinic writes dates like 04/05/1980: day first (4 May) or month first (April 5). */
export type DateOrder = 'DMY' | 'MDY';

export interface ImportInspection {
  uploadId: string;
  encoding: string;
  delimiter: string;
  headers: string[];
  /** The first few data rows, cells as read, for the mapping step. */
  sample: string[][];
  /** The remembered mapping when it fits these headers, else a guess from the headers. */
  mapping: ImportMapping;
  mappingRemembered: boolean;
  /** The clinic's saved date order, or null when it has not been asked yet. */
  dateOrder: DateOrder | null;
}

export interface ImportSummary {
  dryRun: boolean;
  rows: number;
  /** Rows that are (or would be) added as new patients. */
  added: number;
  /** Rows that look like a patient already registered (or an earlier row, or the same external id). */
  existing: number;
  invalid: number;
  /** Reason → rows, for the counts shown next to the dry run. */
  reasons: Record<string, number>;
  /** CSV (UTF-8 with BOM) of every row not added, with a reason column; '' when all are added. */
  rejectedCsv: string;
  encoding: string;
  delimiter: string;
}

export interface ImportProgress {
  uploadId: string;
  /** Rows read so far. */
  rows: number;
  /** Share of the file read, 0–1. */
  fraction: number;
}
