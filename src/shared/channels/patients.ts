import { z } from 'zod';
import type { Page, PatientSummary } from '../dto';
import { define } from './define';

export const patientsListInput = z.strictObject({
  query: z.string().trim().max(100, 'Search text must be at most 100 characters.').default(''),
  includeInactive: z.boolean().default(false),
  offset: z.number().int().min(0).max(10_000_000).default(0),
  limit: z.number().int().min(1).max(200).default(50),
});

export const patientChannels = {
  'patients/list': define<Page<PatientSummary>>()({
    input: patientsListInput,
    access: ['admin', 'reception', 'doctor'],
    summary: 'Patients by name, phone or patient number, paged.',
    mutates: false,
  }),
} as const;
