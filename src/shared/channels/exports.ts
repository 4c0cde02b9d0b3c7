import { z } from 'zod';
import type { ExportItem } from '../dto/jobs';
import { define } from './define';

const isoDate = z.iso.date('Enter the date as YYYY-MM-DD.');
const id = z.strictObject({ id: z.number().int().positive() });

export const exportRangeInput = z
  .strictObject({ from: isoDate, to: isoDate })
  .refine((range) => range.from <= range.to, {
    message: 'The start date must not be after the end date.',
    path: ['to'],
  });

export const exportChannels = {
  'exports/startHistory': define<{ exportId: number }>()({
    input: z.strictObject({ patientId: z.number().int().positive() }),
    access: ['reception', 'doctor'],
    summary: "Start a CSV export of a patient's full history; returns at once with its id.",
    mutates: true,
  }),
  'exports/startRange': define<{ exportId: number }>()({
    input: exportRangeInput,
    access: ['admin'],
    summary: 'Start a CSV export of every appointment and treatment in a date range.',
    mutates: true,
  }),
  'exports/list': define<ExportItem[]>()({
    input: z.strictObject({ limit: z.number().int().min(1).max(200).default(50) }),
    access: ['admin', 'reception', 'doctor'],
    summary: 'Recent exports with status, rows, file and email status.',
    mutates: false,
  }),
  'exports/retry': define<{ exportId: number }>()({
    input: id,
    access: ['admin', 'reception', 'doctor'],
    summary: 'Run a failed export again.',
    mutates: true,
  }),
  'exports/resend': define<ExportItem>()({
    input: id,
    access: ['reception', 'doctor'],
    summary: 'Email the file of a finished patient export to the patient again.',
    mutates: true,
  }),
  'exports/reveal': define<{ shown: boolean; path: string }>()({
    input: id,
    access: ['admin', 'reception', 'doctor'],
    summary: "Show the export's file in the system's file manager (desktop app), else its path.",
    mutates: false,
  }),
} as const;
