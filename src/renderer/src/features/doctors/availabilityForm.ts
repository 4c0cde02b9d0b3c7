import { doctorSetAvailabilityInput, type AvailabilityRow } from '../../../../shared/channels/doctors';
import type { ChannelInput } from '../../../../shared/contract';
import { schemaIssues } from '../../lib/formErrors';
import { wholeNumber } from './doctorForm';

/** One editable row of weekly hours; `key` keeps React's rows stable while rows are removed. */
export interface HoursRow {
  key: number;
  weekday: string;
  start: string;
  end: string;
  slotMinutes: string;
}

export type RowField = 'weekday' | 'start' | 'end' | 'slotMinutes';

export const toHoursRows = (rows: readonly AvailabilityRow[]): HoursRow[] =>
  rows.map((row, i) => ({
    key: i,
    weekday: String(row.weekday),
    start: row.start,
    end: row.end,
    slotMinutes: String(row.slotMinutes),
  }));

export const availabilityRequest = (
  doctorId: number,
  rows: readonly HoursRow[],
): ChannelInput<'doctors/setAvailability'> => ({
  doctorId,
  rows: rows.map((row) => ({
    weekday: Number(row.weekday),
    start: row.start,
    end: row.end,
    slotMinutes: wholeNumber(row.slotMinutes),
  })),
});

/** `errors[row][field]` = the first message for that cell; '' holds whole-form messages. */
export interface HoursErrors {
  rows: Partial<Record<RowField, string>>[];
  form: string | undefined;
}

export function validateHours(doctorId: number, rows: readonly HoursRow[]): HoursErrors {
  const errors: HoursErrors = { rows: rows.map(() => ({})), form: undefined };
  for (const issue of schemaIssues(doctorSetAvailabilityInput, availabilityRequest(doctorId, rows))) {
    const match = /^rows\.(\d+)\.(weekday|start|end|slotMinutes)$/.exec(issue.path);
    const cell = match ? errors.rows[Number(match[1])] : undefined;
    if (match && cell) {
      const field = match[2] as RowField;
      cell[field] ??= issue.message;
    } else {
      errors.form ??= issue.message;
    }
  }
  return errors;
}

export const hasHoursErrors = (errors: HoursErrors): boolean =>
  errors.form !== undefined || errors.rows.some((row) => Object.keys(row).length > 0);
