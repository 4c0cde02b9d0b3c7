import type { StaffSummary } from '../dto';
import { define, emptyInput as empty } from './define';

export const staffChannels = {
  'staff/list': define<StaffSummary[]>()({
    input: empty,
    access: ['admin'],
    summary: 'Every staff account with its role and whether it is active.',
    mutates: false,
  }),
} as const;
