import { IMPORT_FIELDS, type ImportField, type ImportMapping } from '../../../shared/dto/imports';

/** Header words (lower-case, letters and digits only) each field is known by in clinics' files. */
const SYNONYMS: Record<ImportField, string[]> = {
  fullName: ['name', 'fullname', 'patient', 'patientname', 'nom', 'nombre', 'naam'],
  firstName: ['firstname', 'givenname', 'forename', 'first', 'given', 'prenom', 'vorname'],
  lastName: ['lastname', 'surname', 'familyname', 'last', 'family', 'nachname'],
  dateOfBirth: ['dateofbirth', 'dob', 'birthdate', 'birthday', 'born', 'birth', 'geburtsdatum'],
  sex: ['sex', 'gender'],
  phone: ['phone', 'telephone', 'tel', 'mobile', 'cell', 'phonenumber', 'mobilephone', 'contactnumber'],
  email: ['email', 'emailaddress', 'mail'],
  address: ['address', 'homeaddress', 'street', 'postaladdress'],
  emergencyContact: ['emergencycontact', 'nextofkin', 'emergency'],
  notes: ['notes', 'note', 'comments', 'comment', 'remarks'],
  externalId: [
    'id',
    'externalid',
    'patientid',
    'patientnumber',
    'mrn',
    'recordnumber',
    'chartnumber',
    'number',
  ],
  emailReminders: ['emailreminders', 'reminders', 'consent', 'reminderconsent', 'emailconsent'],
};

const normalise = (header: string) =>
  header
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

/**
 * A first guess of which column holds which field, from the headers alone. Each header is used
 * once; a name split in first/last columns wins over a lone "name" column only when both exist.
 */
export function guessMapping(headers: string[]): ImportMapping {
  const mapping: ImportMapping = {};
  const used = new Set<number>();
  for (const field of IMPORT_FIELDS) {
    const index = headers.findIndex((h, i) => !used.has(i) && SYNONYMS[field].includes(normalise(h)));
    if (index >= 0) {
      mapping[field] = headers[index];
      used.add(index);
    }
  }
  if (mapping.fullName && mapping.firstName && mapping.lastName) delete mapping.fullName;
  return mapping;
}

/** A remembered mapping applies to this file only if every column it names is here. */
export function usableMapping(remembered: ImportMapping | null, headers: string[]): ImportMapping | null {
  if (!remembered) return null;
  const columns = Object.values(remembered);
  return columns.length > 0 && columns.every((c) => headers.includes(c)) ? remembered : null;
}
