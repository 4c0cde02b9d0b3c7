import { Alert, Button, Group, Pagination, Paper, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { HistoryEntry } from '../../../../shared/dto/clinic';
import { errorMessage, useChannelQuery } from '../../lib/api';
import { StatusBadge } from '../../components/StatusBadge';
import { canCancel, canMove } from '../appointments/changes';

const PAGE = 10;

interface Props {
  patientId: number;
  /** Offered on booked visits (Move…) and booked or arrived ones (Cancel…) to the front desk. */
  onMove?: ((entry: HistoryEntry) => void) | undefined;
  onCancel?: ((entry: HistoryEntry) => void) | undefined;
  /** Offered on visits whose treatment this person may amend (the doctor who recorded it). */
  onAmend?: ((entry: HistoryEntry) => void) | undefined;
  canAmend?: ((entry: HistoryEntry) => boolean) | undefined;
}

/** Every visit of a patient, newest first, paged; clinical columns only when main sends them. */
export function HistoryTable({ patientId, onAmend, canAmend, onMove, onCancel }: Props) {
  const withActions = onAmend !== undefined || onMove !== undefined || onCancel !== undefined;
  const [page, setPage] = useState(1);
  const history = useChannelQuery(
    'patients/history',
    { patientId, offset: (page - 1) * PAGE, limit: PAGE },
    { keepPrevious: true },
  );
  const data = history.data;
  return (
    <Paper withBorder p="md" component="section" aria-label="Visit history">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          Visit history
        </Title>
        {data && !data.clinicalVisible ? (
          <Text size="xs" c="dimmed">
            Diagnoses and notes are visible to doctors and administrators only.
          </Text>
        ) : null}
      </Group>
      {history.isError ? (
        <Alert color="red" role="alert">
          {errorMessage(history.error)}
        </Alert>
      ) : !data ? (
        <Stack aria-busy="true" aria-label="Loading history">
          <Skeleton height={24} />
          <Skeleton height={24} />
        </Stack>
      ) : data.total === 0 ? (
        <Text c="dimmed">No visits yet.</Text>
      ) : (
        <>
          <Table.ScrollContainer minWidth={900}>
            <Table verticalSpacing="xs" striped aria-label="Visits">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Date</Table.Th>
                  <Table.Th>Doctor</Table.Th>
                  <Table.Th>Status</Table.Th>
                  {data.clinicalVisible ? (
                    <>
                      <Table.Th>Diagnosis</Table.Th>
                      <Table.Th>Treatment</Table.Th>
                      <Table.Th>Prescription</Table.Th>
                    </>
                  ) : null}
                  <Table.Th>Next visit</Table.Th>
                  {withActions ? <Table.Th>Actions</Table.Th> : null}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items.map((v) => (
                  <Table.Tr key={v.appointmentId}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {v.date} {v.time}
                    </Table.Td>
                    <Table.Td>
                      {v.doctorName}
                      <Text size="xs" c="dimmed">
                        {v.departmentName}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <StatusBadge status={v.status} />
                      {v.cancelReason ? (
                        <Text size="xs" c="dimmed">
                          {v.cancelReason}
                        </Text>
                      ) : null}
                    </Table.Td>
                    {data.clinicalVisible ? (
                      <>
                        <Table.Td>{v.clinical?.diagnosis ?? ''}</Table.Td>
                        <Table.Td>{v.clinical?.treatmentNotes ?? ''}</Table.Td>
                        <Table.Td>{v.clinical?.prescription ?? ''}</Table.Td>
                      </>
                    ) : null}
                    <Table.Td>{v.nextVisitDate ?? ''}</Table.Td>
                    {withActions ? (
                      <Table.Td>
                        <Group gap="xs" wrap="nowrap">
                          {onAmend && v.clinical && (canAmend?.(v) ?? true) ? (
                            <Button
                              size="xs"
                              variant="light"
                              aria-label={`Amend treatment of ${v.date}`}
                              onClick={() => onAmend(v)}
                            >
                              Amend
                            </Button>
                          ) : null}
                          {onMove && canMove(v.status) ? (
                            <Button
                              size="xs"
                              variant="subtle"
                              aria-label={`Move the appointment of ${v.date} at ${v.time}`}
                              onClick={() => onMove(v)}
                            >
                              Move…
                            </Button>
                          ) : null}
                          {onCancel && canCancel(v.status) ? (
                            <Button
                              size="xs"
                              variant="subtle"
                              color="red"
                              aria-label={`Cancel the appointment of ${v.date} at ${v.time}`}
                              onClick={() => onCancel(v)}
                            >
                              Cancel…
                            </Button>
                          ) : null}
                        </Group>
                      </Table.Td>
                    ) : null}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {data.total > PAGE ? (
            <Group justify="flex-end" mt="sm">
              <nav aria-label="History pages">
                <Pagination
                  total={Math.ceil(data.total / PAGE)}
                  value={page}
                  onChange={setPage}
                  size="sm"
                  getControlProps={(control) => ({ 'aria-label': `${control} history page` })}
                />
              </nav>
            </Group>
          ) : null}
        </>
      )}
    </Paper>
  );
}
