import { Divider, Loader, Modal, Stack } from '@mantine/core';
import type { DoctorSummary } from '../../../../shared/channels/doctors';
import { LoadError } from '../../components/LoadError';
import { useChannelQuery } from '../../lib/api';
import { AvailabilityEditor } from './AvailabilityEditor';
import { ExceptionsPanel } from './ExceptionsPanel';

export function DoctorHoursDialog({
  doctor,
  onClose,
}: {
  doctor: DoctorSummary | null;
  onClose: () => void;
}) {
  return (
    <Modal
      opened={doctor !== null}
      onClose={onClose}
      title={doctor ? `Hours of ${doctor.fullName}` : ''}
      size="xl"
      centered
    >
      {doctor ? <DoctorHours key={doctor.id} id={doctor.id} /> : null}
    </Modal>
  );
}

function DoctorHours({ id }: { id: number }) {
  const detail = useChannelQuery('doctors/get', { id });
  if (detail.isError)
    return <LoadError what="the doctor's hours" error={detail.error} onRetry={() => void detail.refetch()} />;
  if (!detail.data) return <Loader aria-label="Loading hours" />;
  return (
    <Stack gap="lg">
      <AvailabilityEditor doctor={detail.data} />
      <Divider />
      <ExceptionsPanel doctor={detail.data} />
    </Stack>
  );
}
