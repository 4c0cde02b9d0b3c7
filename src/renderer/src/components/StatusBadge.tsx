import { Badge } from '@mantine/core';
import { STATUS_LABELS, type AppointmentStatus } from '../../../shared/dto/clinic';
import type { ExportStatus, JobRunStatus, OutboxStatus } from '../../../shared/dto/jobs';

export type Status = AppointmentStatus | JobRunStatus | OutboxStatus | ExportStatus;

/** The one colour per status, for appointments, job runs, emails and exports alike. */
export const STATUS_COLORS: Record<Status, string> = {
  booked: 'blue',
  arrived: 'teal',
  completed: 'gray',
  cancelled: 'red',
  no_show: 'orange',
  running: 'blue',
  sending: 'blue',
  succeeded: 'teal',
  sent: 'teal',
  done: 'teal',
  requested: 'yellow',
  refused: 'gray',
  queued: 'gray',
  failed: 'red',
};

const isAppointmentStatus = (status: Status): status is AppointmentStatus => status in STATUS_LABELS;

/** A status word on its colour. The word is always there in full: colour is never the only signal. */
export function StatusBadge({ status }: { status: Status }) {
  const label = isAppointmentStatus(status) ? STATUS_LABELS[status] : status.replace('_', ' ');
  return (
    <Badge
      variant="light"
      color={STATUS_COLORS[status]}
      radius="sm"
      // Tables squeeze cells; the badge keeps its width and its label never ends in "…".
      miw="max-content"
      styles={{ root: { flexShrink: 0, overflow: 'visible' }, label: { overflow: 'visible' } }}
    >
      {label}
    </Badge>
  );
}
