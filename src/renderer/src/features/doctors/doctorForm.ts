import { doctorCreateInput, type DoctorSummary } from '../../../../shared/channels/doctors';
import type { ChannelInput } from '../../../../shared/contract';
import type { FieldIssue } from '../../../../shared/result';
import { schemaIssues } from '../../lib/formErrors';

export type DoctorValues = {
  fullName: string;
  departmentId: string;
  qualifications: string;
  email: string;
  phone: string;
  consultationMinutes: string;
};

export const emptyDoctor = (departmentId = ''): DoctorValues => ({
  fullName: '',
  departmentId,
  qualifications: '',
  email: '',
  phone: '',
  consultationMinutes: '20',
});

export const doctorValues = (doctor: DoctorSummary): DoctorValues => ({
  fullName: doctor.fullName,
  departmentId: String(doctor.departmentId),
  qualifications: doctor.qualifications,
  email: doctor.email ?? '',
  phone: doctor.phone ?? '',
  consultationMinutes: String(doctor.consultationMinutes),
});

/** Whole numbers typed into a text field; anything else becomes NaN, which the schema explains. */
export const wholeNumber = (text: string): number => (/^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN);

export const doctorRequest = (values: DoctorValues): ChannelInput<'doctors/create'> => ({
  fullName: values.fullName,
  departmentId: values.departmentId === '' ? Number.NaN : Number(values.departmentId),
  qualifications: values.qualifications,
  email: values.email.trim() === '' ? null : values.email,
  phone: values.phone.trim() === '' ? null : values.phone,
  consultationMinutes: wholeNumber(values.consultationMinutes),
});

export const validateDoctor = (values: DoctorValues): FieldIssue[] =>
  schemaIssues(doctorCreateInput, doctorRequest(values));
