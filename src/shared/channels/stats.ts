import { z } from 'zod';
import type { DashboardStats, DoctorStats } from '../dto/stats';
import { define } from './define';

export const statsInput = z.strictObject({
  /** Count again now instead of answering from the five-minute memo (the refresh button). */
  force: z.boolean().default(false),
});

export const statsChannels = {
  'stats/dashboard': define<DashboardStats>()({
    input: statsInput,
    access: ['admin'],
    summary: 'Clinic-wide figures and chart series for the administrator dashboard (memoised 5 min).',
    reads: [
      'appointments',
      'departments',
      'doctors',
      'email_outbox',
      'exports',
      'patients',
      'settings',
      'treatments',
    ],
  }),
  'stats/doctor': define<DoctorStats>()({
    input: statsInput,
    access: ['doctor'],
    summary: "The signed-in doctor's own day and month (memoised 5 min).",
    reads: ['appointments', 'doctors', 'settings', 'treatments'],
  }),
} as const;
