import type { PatientSummary } from '../../../shared/dto';
import type { DomainHandlers } from '../handler';
import { phoneDigits, prefixEnd, searchText } from './search-text';

interface PatientRow {
  id: number;
  patient_number: string;
  full_name: string;
  date_of_birth: string;
  sex: PatientSummary['sex'];
  phone: string | null;
  email: string | null;
  active: number;
}

const toSummary = (row: PatientRow): PatientSummary => ({
  id: row.id,
  patientNumber: row.patient_number,
  fullName: row.full_name,
  dateOfBirth: row.date_of_birth,
  sex: row.sex,
  phone: row.phone,
  email: row.email,
  active: row.active === 1,
});

type PatientChannels = 'patients/list';

export const patientHandlers: DomainHandlers<PatientChannels> = ({ sqlite }) => {
  // Each branch is an index range scan (name, phone digits, patient number), so search stays
  // fast on hundreds of thousands of patients. Prepared once: this runs on every keystroke.
  const where = `(@inactive = 1 OR active = 1) AND (
      @all = 1
      OR (search_name >= @name AND search_name < @nameEnd)
      OR (@digits IS NOT NULL AND phone_digits >= @digits AND phone_digits < @digitsEnd)
      OR (patient_number >= @number AND patient_number < @numberEnd))`;
  const page = sqlite.prepare<Record<string, unknown>, PatientRow>(
    `SELECT id, patient_number, full_name, date_of_birth, sex, phone, email, active
     FROM patients WHERE ${where} ORDER BY search_name, id LIMIT @limit OFFSET @offset`,
  );
  const count = sqlite.prepare<Record<string, unknown>, { n: number }>(
    `SELECT count(*) AS n FROM patients WHERE ${where}`,
  );

  return {
    'patients/list': (input) => {
      const name = searchText(input.query);
      const digits = phoneDigits(input.query);
      const number = input.query.trim().toUpperCase();
      const params = {
        inactive: input.includeInactive ? 1 : 0,
        all: name === '' ? 1 : 0,
        name,
        nameEnd: prefixEnd(name),
        digits: digits && digits.length >= 3 ? digits : null,
        digitsEnd: digits ? prefixEnd(digits) : null,
        number,
        numberEnd: prefixEnd(number),
      };
      const rows = page.all({ ...params, limit: input.limit, offset: input.offset });
      return {
        items: rows.map(toSummary),
        total: count.get(params)?.n ?? 0,
        offset: input.offset,
        limit: input.limit,
      };
    },
  };
};
