import { z } from 'zod';
import type { ReportDetail, ReportSummary } from '../dto/jobs';
import { define } from './define';

export const reportChannels = {
  'reports/listMine': define<ReportSummary[]>()({
    input: z.strictObject({ doctorId: z.number().int().positive().optional() }),
    access: ['doctor', 'admin'],
    summary: "Monthly reports: a doctor's own; an administrator's for any doctor (or all).",
    reads: ['monthly_reports'],
  }),
  'reports/get': define<ReportDetail>()({
    input: z.strictObject({ id: z.number().int().positive() }),
    access: ['doctor', 'admin'],
    summary: 'One monthly report with its figures and HTML.',
    reads: ['monthly_reports'],
  }),
  'reports/savePdf': define<{ path: string }>()({
    input: z.strictObject({ id: z.number().int().positive() }),
    access: ['doctor', 'admin'],
    summary: 'Save a report as PDF (desktop app only; the preview prints instead).',
    reads: [],
  }),
} as const;
