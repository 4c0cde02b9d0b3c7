import { Button, Group, NativeSelect, Paper, Stack, Switch, Table, Text } from '@mantine/core';
import { useState } from 'react';
import type { DoctorSummary } from '../../../../shared/channels/doctors';
import { ActiveBadge } from '../../components/ActiveBadge';
import { DataTable, EditRowButton } from '../../components/DataTable';
import { ScreenHeader } from '../../components/ScreenHeader';
import { SetActiveAction } from '../../components/SetActiveAction';
import { useChannelQuery } from '../../lib/api';
import { DoctorDialog } from './DoctorDialog';
import { DoctorHoursDialog } from './DoctorHoursDialog';

function Missing() {
  return (
    <Text span inherit c="dimmed" aria-label="Not recorded">
      —
    </Text>
  );
}

export function DoctorsScreen() {
  const [departmentId, setDepartmentId] = useState('');
  const [includeInactive, setIncludeInactive] = useState(false);
  const departments = useChannelQuery('departments/list', { includeRetired: true });
  const doctors = useChannelQuery(
    'doctors/list',
    { departmentId: departmentId === '' ? null : Number(departmentId), includeInactive },
    { keepPrevious: true },
  );
  const [editing, setEditing] = useState<DoctorSummary | 'new' | null>(null);
  const [hoursOf, setHoursOf] = useState<DoctorSummary | null>(null);
  return (
    <Stack gap="lg">
      <ScreenHeader
        title="Doctors"
        description="Doctors, their departments and consultation lengths, weekly hours, leave and extra hours."
        action={
          <Button onClick={() => setEditing('new')} disabled={!departments.data?.some((d) => d.active)}>
            New doctor
          </Button>
        }
      />
      <Paper withBorder p="md">
        <Group align="flex-end" gap="lg">
          <NativeSelect
            label="Department"
            w={260}
            data={[
              { value: '', label: 'All departments' },
              ...(departments.data ?? []).map((d) => ({ value: String(d.id), label: d.name })),
            ]}
            value={departmentId}
            onChange={(event) => setDepartmentId(event.currentTarget.value)}
          />
          <Switch
            label="Include inactive doctors"
            checked={includeInactive}
            onChange={(event) => setIncludeInactive(event.currentTarget.checked)}
            mb={8}
          />
        </Group>
      </Paper>
      <DataTable
        query={doctors}
        what="doctors"
        label="Doctors"
        columns={['Name', 'Department', 'Consultation', 'Contact', 'Account', 'Actions']}
        minWidth={980}
        loadingRows={6}
        empty="No doctors here yet. Add one with “New doctor”."
        row={(doctor) => (
          <Table.Tr key={doctor.id}>
            <Table.Td fw={500}>
              {doctor.fullName}
              {doctor.qualifications ? (
                <Text size="xs" c="dimmed">
                  {doctor.qualifications}
                </Text>
              ) : null}
              {doctor.active ? null : <ActiveBadge active={false} />}
            </Table.Td>
            <Table.Td>{doctor.departmentName}</Table.Td>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{doctor.consultationMinutes} min</Table.Td>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>
              {doctor.email || doctor.phone ? (
                <>
                  {doctor.email ? <Text size="sm">{doctor.email}</Text> : null}
                  {doctor.phone ? (
                    <Text size="xs" c="dimmed">
                      {doctor.phone}
                    </Text>
                  ) : null}
                </>
              ) : (
                <Missing />
              )}
            </Table.Td>
            <Table.Td>{doctor.username ?? <Missing />}</Table.Td>
            <Table.Td>
              <Group gap="xs" wrap="nowrap">
                <EditRowButton name={doctor.fullName} onClick={() => setEditing(doctor)} />
                <Button
                  size="xs"
                  variant="light"
                  aria-label={`Hours of ${doctor.fullName}`}
                  onClick={() => setHoursOf(doctor)}
                >
                  Hours
                </Button>
                <SetActiveAction
                  channel="doctors/setActive"
                  id={doctor.id}
                  name={doctor.fullName}
                  active={doctor.active}
                  confirmTitle="Deactivate doctor"
                  confirmMessage={`Deactivate ${doctor.fullName}? They can no longer be booked; their history stays. A doctor with upcoming appointments cannot be deactivated.`}
                />
              </Group>
            </Table.Td>
          </Table.Tr>
        )}
      />
      <DoctorDialog target={editing} departments={departments.data ?? []} onClose={() => setEditing(null)} />
      <DoctorHoursDialog doctor={hoursOf} onClose={() => setHoursOf(null)} />
    </Stack>
  );
}
