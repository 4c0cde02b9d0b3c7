import {
  Alert,
  Anchor,
  Button,
  Group,
  Kbd,
  Paper,
  SegmentedControl,
  Select,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useLocalStorage } from '@mantine/hooks';
import { useRef, useState, type KeyboardEvent } from 'react';
import type { AppointmentView } from '../../../../shared/dto/clinic';
import { SearchIcon } from '../../components/icons';
import { StatusBadge } from '../../components/StatusBadge';
import { errorMessage, useChannelQuery } from '../../lib/api';
import { AppointmentActions } from '../appointments/AppointmentActions';
import { CancelDialog } from '../appointments/CancelDialog';
import { MoveDialog } from '../appointments/MoveDialog';
import { byShow, inScope, NO_FILTER, readFilter, type TodayFilter } from './todayFilter';

/** Where this PC remembers its Today filter (a desk usually serves one department or doctor). */
export const TODAY_FILTER_KEY = 'clinic-desk:today-filter';

/** The front desk's day: every appointment today by time, with check-in, no-show and cancel. */
export function TodayScreen() {
  const options = useChannelQuery('appointments/options', {});
  const today = options.data?.today ?? '';
  const list = useChannelQuery('appointments/list', { from: today, days: 1 }, { enabled: today !== '' });
  const [cancelling, setCancelling] = useState<AppointmentView | null>(null);
  const [moving, setMoving] = useState<AppointmentView | null>(null);
  const [stored, setStored] = useLocalStorage<TodayFilter>({
    key: TODAY_FILTER_KEY,
    defaultValue: NO_FILTER,
    getInitialValueInEffect: false,
    deserialize: (raw) => {
      try {
        return readFilter(raw === undefined ? null : JSON.parse(raw));
      } catch {
        return NO_FILTER;
      }
    },
  });
  const filter = readFilter(stored);
  const change = (next: Partial<TodayFilter>): void => setStored({ ...filter, ...next });
  const [search, setSearch] = useState('');
  const tableRef = useRef<HTMLDivElement>(null);

  const scoped = inScope(list.data?.items ?? [], filter, search);
  const items = byShow(scoped, filter.show);
  const waiting = byShow(scoped, 'waiting').length;
  const expected = byShow(scoped, 'expected').length;
  const now = list.data?.now ?? 0;
  const doctors = (options.data?.doctors ?? []).filter(
    (d) => filter.departmentId === null || String(d.departmentId) === filter.departmentId,
  );

  // Enter in the search box goes to the first row's first action (usually "Check in").
  const onSearchKey = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    tableRef.current?.querySelector<HTMLButtonElement>('tbody tr button')?.focus();
  };

  return (
    <Stack gap="lg">
      <div>
        <Title order={1} size="h2">
          Today
        </Title>
        <Text c="dimmed" size="sm">
          {today || 'Loading…'}
        </Text>
      </div>
      {/* The filter and the two numbers the desk watches stay in view while the list scrolls. */}
      <Paper
        withBorder
        p="sm"
        component="section"
        aria-label="Filter today's appointments"
        style={{ position: 'sticky', top: 'calc(var(--app-shell-header-height, 60px) + 4px)', zIndex: 2 }}
      >
        <Stack gap="xs">
          <Group align="flex-end" gap="sm">
            <TextInput
              label="Find a patient in today's list"
              placeholder="Name or patient number"
              type="search"
              leftSection={<SearchIcon />}
              data-shortcut="search"
              value={search}
              onChange={(event) => setSearch(event.currentTarget.value)}
              onKeyDown={onSearchKey}
              w={280}
            />
            <Select
              label="Department"
              placeholder="All departments"
              clearable
              data={(options.data?.departments ?? []).map((d) => ({ value: String(d.id), label: d.name }))}
              value={filter.departmentId}
              onChange={(value) => change({ departmentId: value, doctorId: null })}
              w={220}
            />
            <Select
              label="Doctor"
              placeholder="All doctors"
              clearable
              searchable
              data={doctors.map((d) => ({ value: String(d.id), label: d.fullName }))}
              value={filter.doctorId}
              onChange={(value) => change({ doctorId: value })}
              w={240}
            />
            {filter.doctorId !== null || filter.departmentId !== null || filter.show !== 'all' || search ? (
              <Button
                variant="subtle"
                onClick={() => {
                  setSearch('');
                  setStored(NO_FILTER);
                }}
              >
                Show everyone
              </Button>
            ) : null}
          </Group>
          <Group justify="space-between" gap="sm">
            <SegmentedControl
              aria-label="Show"
              value={filter.show}
              onChange={(value) => change({ show: value })}
              data={[
                { value: 'all', label: `All (${scoped.length})` },
                { value: 'expected', label: `Still expected (${expected})` },
                { value: 'waiting', label: `Waiting (${waiting})` },
              ]}
            />
            <Text size="xs" c="dimmed">
              <Kbd>/</Kbd> find · <Kbd>Enter</Kbd> to the first row · <Kbd>Tab</Kbd> next button
            </Text>
          </Group>
        </Stack>
      </Paper>
      {list.isError ? (
        <Alert color="red" role="alert">
          {errorMessage(list.error)}
        </Alert>
      ) : null}
      <Paper withBorder ref={tableRef}>
        {!list.data ? (
          <Stack p="md" aria-busy="true" aria-label="Loading today's appointments">
            {Array.from({ length: 5 }, (_, i) => (
              <Skeleton key={i} height={28} />
            ))}
          </Stack>
        ) : items.length === 0 ? (
          <Text p="lg" c="dimmed">
            {list.data.items.length === 0
              ? 'No appointments today.'
              : 'No appointment today matches this filter.'}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={900}>
            <Table striped verticalSpacing="xs" aria-label="Today's appointments">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Time</Table.Th>
                  <Table.Th>Patient</Table.Th>
                  <Table.Th>Doctor</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Actions</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Td style={{ fontVariantNumeric: 'tabular-nums' }}>
                      {a.time}–{a.endTime}
                    </Table.Td>
                    <Table.Td>
                      <Anchor href={`#/patients/${a.patientId}`}>{a.patientName}</Anchor>{' '}
                      <Text span c="dimmed" size="xs">
                        {a.patientNumber}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {a.doctorName}
                      <Text c="dimmed" size="xs">
                        {a.departmentName}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <StatusBadge status={a.status} />
                    </Table.Td>
                    <Table.Td>
                      <Group>
                        <AppointmentActions
                          appointment={a}
                          now={now}
                          onMove={setMoving}
                          onCancel={setCancelling}
                        />
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      <MoveDialog appointment={moving} onClose={() => setMoving(null)} />
      <CancelDialog appointment={cancelling} onClose={() => setCancelling(null)} />
    </Stack>
  );
}
