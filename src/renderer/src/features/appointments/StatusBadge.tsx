import { Badge } from '@mantine/core';
import { STATUS_LABELS, type AppointmentStatus } from '../../../../shared/dto/clinic';

const COLORS: Record<AppointmentStatus, string> = {
  booked: 'blue',
  arrived: 'teal',
  completed: 'gray',
  cancelled: 'red',
  no_show: 'orange',
};

export function StatusBadge({ status }: { status: AppointmentStatus }) {
  return (
    <Badge variant="light" color={COLORS[status]} radius="sm">
      {STATUS_LABELS[status]}
    </Badge>
  );
}
