import Database from 'better-sqlite3';
import { afterAll, beforeAll } from 'vitest';
import type { Connection } from '../../../src/main/core/api';
import { IMPORT_CHUNK_BYTES } from '../../../src/shared/channels/imports';
import { value } from '../../support/clinic';
import { tempCore, type TempCore } from '../../support/temp-core';

export const ADMIN = { fullName: 'Ada Admin', username: 'ada', password: 'correct horse battery' };

export interface AdminClinic {
  t: TempCore;
  admin: Connection;
}

/** A fresh clinic with its administrator set up (signed in on `admin`). */
export async function adminClinic(): Promise<AdminClinic> {
  const t = await tempCore();
  const admin = t.core.connect('test');
  await value(admin, 'auth/setup', ADMIN);
  return { t, admin };
}

/** One `adminClinic()` for the enclosing describe block, removed after it. */
export function useAdminClinic(): AdminClinic {
  const clinic = {} as AdminClinic;
  beforeAll(async () => {
    Object.assign(clinic, await adminClinic());
  });
  afterAll(() => clinic.t.cleanup());
  return clinic;
}

/** Sends a file through imports/stage in the same 512 KB pieces the renderer uses. */
export async function stageFile(admin: Connection, bytes: Uint8Array): Promise<string> {
  let uploadId: string | undefined;
  for (let offset = 0; offset < bytes.length || uploadId === undefined; offset += IMPORT_CHUNK_BYTES) {
    const chunk = Buffer.from(bytes.subarray(offset, offset + IMPORT_CHUNK_BYTES)).toString('base64');
    const staged = await value(admin, 'imports/stage', uploadId ? { uploadId, chunk } : { chunk });
    uploadId = staged.uploadId;
  }
  return uploadId;
}

export function countRows(dbPath: string, sql: string): number {
  const db = new Database(dbPath, { readonly: true });
  try {
    return (db.prepare(sql).pluck().get() as number) ?? 0;
  } finally {
    db.close();
  }
}

const FIRST = [
  'José',
  'Zoë',
  'François',
  'Ana',
  'Müller',
  'Seán',
  'Björn',
  'Inés',
  'Ólafur',
  'Chloé',
  'Núria',
  'Tom',
];
const LAST = [
  'Núñez',
  'García',
  'Dubois',
  'O’Brien',
  'Smith',
  'Fernández',
  'Çelik',
  'Weiß',
  'Brontë',
  'Lindqvist',
];

export interface SpreadsheetRow {
  id: string;
  first: string;
  last: string;
  dob: string;
  sex: string;
  phone: string;
  email: string;
  address: string;
  notes: string;
  reminders: string;
}

/** The mapping guessed from HEADERS. */
export const SHEET_MAPPING = {
  externalId: 'Patient ID',
  firstName: 'First Name',
  lastName: 'Last Name',
  dateOfBirth: 'Date of Birth',
  sex: 'Gender',
  phone: 'Mobile',
  email: 'E-mail',
  address: 'Home Address',
  notes: 'Comments',
  emailReminders: 'Reminders',
};

export const HEADERS = [
  'Patient ID',
  'First Name',
  'Last Name',
  'Date of Birth',
  'Gender',
  'Mobile',
  'E-mail',
  'Home Address',
  'Comments',
  'Reminders',
];

/**
 * A clinic's patient list as Excel writes it: day-first dates, accented names (all in
 * Windows-1252), addresses with commas and line breaks, empty cells, a few blank lines. Every
 * 500th row has an impossible date (invalid), every 700th repeats an earlier person (existing).
 */
export function spreadsheet(rows: number): { rows: SpreadsheetRow[]; invalid: number; repeats: number } {
  const out: SpreadsheetRow[] = [];
  let invalid = 0;
  let repeats = 0;
  for (let i = 1; i <= rows; i += 1) {
    const day = (i % 28) + 1;
    const month = (i % 12) + 1;
    const year = 1930 + (i % 90);
    let row: SpreadsheetRow = {
      id: `EX-${i}`,
      first: FIRST[i % FIRST.length] as string,
      last: `${LAST[(i * 7) % LAST.length] as string}-${i}`,
      dob: `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`,
      sex: ['F', 'M', '', 'female'][i % 4] as string,
      phone: i % 3 === 0 ? '' : `+34 6${String(10_000_000 + i).padStart(8, '0')}`,
      email: i % 2 === 0 ? `patient${i}@example.com` : '',
      address: i % 5 === 0 ? `Calle Mayor ${i}, 2º\nMadrid` : `${i} High Street, Leeds`,
      notes: i % 11 === 0 ? 'Allergic to penicillin; "severe"' : '',
      reminders: i % 4 === 0 ? 'Yes' : 'No',
    };
    if (i % 500 === 0) {
      row = { ...row, dob: `31/02/${year}` };
      invalid += 1;
    } else if (i % 700 === 0) {
      const earlier = out[i - 2] as SpreadsheetRow;
      row = { ...earlier, id: `EX-${i}` };
      repeats += 1;
    }
    out.push(row);
  }
  return { rows: out, invalid, repeats };
}

const quote = (cell: string, delimiter: string) =>
  /["\r\n]/.test(cell) || cell.includes(delimiter) ? `"${cell.replace(/"/g, '""')}"` : cell;

export function toCsvText(rows: SpreadsheetRow[], delimiter: string): string {
  const lines = [HEADERS.join(delimiter)];
  for (const [i, r] of rows.entries()) {
    lines.push(
      [r.id, r.first, r.last, r.dob, r.sex, r.phone, r.email, r.address, r.notes, r.reminders]
        .map((cell) => quote(cell, delimiter))
        .join(delimiter),
    );
    if (i % 1000 === 999) lines.push('');
  }
  return lines.join('\r\n') + '\r\n';
}

export function utf16be(text: string): Buffer {
  const le = Buffer.from(text, 'utf16le');
  for (let i = 0; i + 1 < le.length; i += 2) {
    const a = le[i] as number;
    le[i] = le[i + 1] as number;
    le[i + 1] = a;
  }
  return le;
}

/** Windows-1252 as Excel writes it: Latin-1, plus the typographic marks in 0x80–0x9F. */
export function windows1252(text: string): Buffer {
  const extra: Record<string, number> = { '€': 0x80, '‚': 0x82, '’': 0x92, '“': 0x93, '”': 0x94, '–': 0x96 };
  const out = Buffer.alloc(text.length);
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i] as string;
    const code = extra[ch] ?? ch.charCodeAt(0);
    if (code > 0xff) throw new Error(`not in Windows-1252: ${ch}`);
    out[i] = code;
  }
  return out;
}
