import { patientRegisterInput } from '../../../../shared/contract';
import type { PatientDetails } from '../../../../shared/dto/clinic';
import type { FieldIssue } from '../../../../shared/result';
import { schemaIssues } from '../../lib/formErrors';

/** The register/edit form's values: strings for every control, mapped to the contract's input. */
export interface PatientFormValues extends Record<string, string> {
  fullName: string;
  dateOfBirth: string;
  sex: string;
  phone: string;
  email: string;
  address: string;
  emergencyContact: string;
  notes: string;
  emailReminders: 'yes' | 'no';
}

export const emptyPatientForm: PatientFormValues = {
  fullName: '',
  dateOfBirth: '',
  sex: '',
  phone: '',
  email: '',
  address: '',
  emergencyContact: '',
  notes: '',
  emailReminders: 'no',
};

export const patientFormOf = (p: PatientDetails): PatientFormValues => ({
  fullName: p.fullName,
  dateOfBirth: p.dateOfBirth,
  sex: p.sex,
  phone: p.phone ?? '',
  email: p.email ?? '',
  address: p.address,
  emergencyContact: p.emergencyContact,
  notes: p.notes,
  emailReminders: p.emailReminders ? 'yes' : 'no',
});

export function patientRequest(values: PatientFormValues) {
  return {
    fullName: values.fullName,
    dateOfBirth: values.dateOfBirth,
    sex: values.sex as 'female' | 'male' | 'other' | 'unknown',
    phone: values.phone,
    email: values.email,
    address: values.address,
    emergencyContact: values.emergencyContact,
    notes: values.notes,
    emailReminders: values.emailReminders === 'yes',
  };
}

/** The same rules main applies (the contract's zod schema), as the user types. */
export const validatePatientForm = (values: PatientFormValues): FieldIssue[] =>
  schemaIssues(patientRegisterInput, patientRequest(values));
