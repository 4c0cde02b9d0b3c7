import { Alert, Button, Paper, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useHashRoute } from '../../app/useHashRoute';
import { errorMessage, useChannelQuery } from '../../lib/api';
import { routeId } from '../appointments/route';
import { StatusBadge } from '../../components/StatusBadge';
import { VisitScreen } from './VisitScreen';
import { DoctorStatsPanel } from '../stats/DoctorStatsPanel';

/** A doctor's own appointments today; "Open visit" leads to the visit screen. */
export function MyDayScreen() {
  const visitId = routeId(useHashRoute(), 'my-day', 'visit');
  return visitId ? <VisitScreen appointmentId={visitId} /> : <MyDayList />;
}

function MyDayList() {
  const options = useChannelQuery('appointments/options', {});
  const today = options.data?.today ?? '';
  const list = useChannelQuery('appointments/list', { from: today }, { enabled: today !== '' });
  const items = list.data?.items ?? [];
  return (
    <Stack gap="lg">
      <div>
        <Title order={1} size="h2">
          My day
        </Title>
        <Text c="dimmed" size="sm">
          {today ? `${today} · ${items.filter((a) => a.status === 'arrived').length} waiting` : 'Loading…'}
        </Text>
      </div>
      <DoctorStatsPanel />
      {list.isError ? (
        <Alert color="red" role="alert">
          {errorMessage(list.error)}
        </Alert>
      ) : null}
      <Paper withBorder>
        {!list.data ? (
          <Skeleton height={120} aria-label="Loading my appointments" />
        ) : items.length === 0 ? (
          <Text p="lg" c="dimmed">
            No appointments today.
          </Text>
        ) : (
          <Table verticalSpacing="xs" striped aria-label="My appointments today">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Time</Table.Th>
                <Table.Th>Patient</Table.Th>
                <Table.Th>Reason</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Visit</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>
                    {a.time}–{a.endTime}
                  </Table.Td>
                  <Table.Td>
                    {a.patientName}{' '}
                    <Text span size="xs" c="dimmed">
                      {a.patientNumber}
                    </Text>
                  </Table.Td>
                  <Table.Td>{a.reason}</Table.Td>
                  <Table.Td>
                    <StatusBadge status={a.status} />
                  </Table.Td>
                  <Table.Td>
                    <Button
                      component="a"
                      href={`#/my-day/visit/${a.id}`}
                      size="xs"
                      variant={a.status === 'arrived' ? 'filled' : 'light'}
                      aria-label={`Open visit of ${a.patientName} at ${a.time}`}
                    >
                      Open visit
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
    </Stack>
  );
}
