import { describe, expect, it } from 'vitest';
import { SEXES } from '../../../src/shared/channels/patients';
import { parseCsv } from '../../../src/main/core/imports/parse';
import {
  plainlyValid,
  registrationCheck,
  schemaCheck,
  type RowFields,
} from '../../../src/main/core/imports/field-check';
import { fieldColumns, rowToPatient } from '../../../src/main/core/imports/rows';
import { HEADERS, SHEET_MAPPING as MAPPING, spreadsheet, toCsvText } from './support';

const TODAY = '2026-03-10';

const VALID: RowFields = {
  fullName: 'Ana Ruiz',
  dateOfBirth: '1980-04-05',
  sex: 'female',
  phone: '+34 600 000 001',
  email: 'ana@example.com',
  address: '1 High Street, Leeds',
  emergencyContact: 'Ben Ruiz, 0700 000000',
  notes: 'Allergic to penicillin',
  emailReminders: true,
};

/** Each field's edge values: at and past each limit, every character rule, trims, odd Unicode. */
const EDGES: { [K in keyof RowFields]: RowFields[K][] } = {
  fullName: [
    '',
    ' ',
    '\u00a0',
    'A',
    ' Ana ',
    'x'.repeat(120),
    'x'.repeat(121),
    ` ${'x'.repeat(120)} `,
    '😀'.repeat(60),
    '😀'.repeat(61),
    'Bo\0b',
  ],
  dateOfBirth: [
    '1899-12-31',
    '1900-01-01',
    '2199-12-31',
    '2200-01-01',
    '2023-02-29',
    '2024-02-29',
    '1900-02-29',
    '2000-02-29',
    '2021-04-31',
    '2021-04-30',
    '2021-13-01',
    '2021-00-10',
    '2021-01-00',
    '2021-01-32',
    ' 2021-01-01',
    '2021-1-01',
    '21-01-01',
    '',
    '2021/01/01',
    '２０２１-01-01',
  ],
  sex: [...SEXES, 'x' as RowFields['sex']],
  phone: [
    '',
    '+44 20 7946 0000',
    '12345',
    '123456',
    '(01) 234-567',
    '1.2.3.4.5.6',
    'abc123456',
    '+++++',
    ' 0123456 ',
    '0123456\n',
    '１２３４５６７',
    '12345\u00a06',
    '1'.repeat(40),
    '1'.repeat(41),
    ` ${'1'.repeat(40)} `,
    '+cmd|123456',
  ],
  email: [
    '',
    'a@b.c',
    'a@b',
    'a b@c.d',
    'a@@b.c',
    '@b.c',
    'a@.c',
    'a@b.',
    ' a@b.c ',
    'ä@ß.de',
    `${'a'.repeat(194)}@b.com`,
    `${'a'.repeat(195)}@b.com`,
    'a@b.c\n',
    'a\u00a0@b.c',
  ],
  address: ['', 'Calle Mayor 10, 2º\nMadrid', 'x'.repeat(500), 'x'.repeat(501), ` ${'x'.repeat(500)} `],
  emergencyContact: ['', 'x'.repeat(200), 'x'.repeat(201)],
  notes: ['', 'x'.repeat(2000), 'x'.repeat(2001), '😀'.repeat(1000), '😀'.repeat(1001), '- allergic'],
  emailReminders: [true, false],
};

describe("the import's fast check gives the registration schema's verdicts", () => {
  it('on every edge value of every field', () => {
    let cases = 0;
    for (const [field, values] of Object.entries(EDGES) as [keyof RowFields, unknown[]][]) {
      for (const value of values) {
        const input = { ...VALID, [field]: value };
        expect(registrationCheck(input), `${field} = ${JSON.stringify(value)}`).toEqual(schemaCheck(input));
        cases += 1;
      }
    }
    expect(cases).toBeGreaterThan(80);
  });

  it('on every row of the realistic 10,000-row spreadsheet, and takes the fast path for the valid ones', () => {
    const sheet = spreadsheet(10_000);
    // The realistic rows plus rows that break each rule once.
    const rows = [
      ...sheet.rows,
      { ...sheet.rows[1]!, id: 'H-1', first: 'x'.repeat(80), last: 'y'.repeat(80) },
      { ...sheet.rows[2]!, id: 'H-2', phone: '+44 (0) 20 ext. 12' },
      { ...sheet.rows[3]!, id: 'H-3', email: 'not an address' },
      { ...sheet.rows[4]!, id: 'H-4', address: 'z'.repeat(501) },
      { ...sheet.rows[5]!, id: 'H-5', notes: 'n'.repeat(2001) },
      { ...sheet.rows[6]!, id: 'H-6', dob: '01/01/1899' },
      { ...sheet.rows[7]!, id: 'H-7', phone: '123' },
      { ...sheet.rows[8]!, id: 'H-8', email: 'a@b', reminders: 'Yes' },
    ];
    for (const order of ['DMY', 'MDY', null] as const) {
      let headers: string[] = [];
      let columns = {};
      let valid = 0;
      let fast = 0;
      parseCsv(toCsvText(rows, ','), {
        onHeaders: (found) => {
          headers = found;
          columns = fieldColumns(found, MAPPING);
        },
        onRow: (cells) => {
          const ours = rowToPatient(cells, headers, MAPPING, order, TODAY, columns);
          const schema = rowToPatient(cells, headers, MAPPING, order, TODAY, columns, schemaCheck);
          expect(ours, cells.join(',')).toEqual(schema);
          if (schema.ok) {
            valid += 1;
            const { externalId: _id, ...fields } = schema.patient;
            if (plainlyValid(fields) !== null) fast += 1;
          }
        },
      });
      expect(headers).toEqual(HEADERS);
      expect(valid).toBeGreaterThan(order === 'DMY' ? 9_900 : 1_000);
      // Every valid row of the realistic file is decided without running the schema.
      expect(fast).toBe(valid);
    }
  });
});
