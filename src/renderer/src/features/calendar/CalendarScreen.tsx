import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Group,
  Menu,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useState } from 'react';
import type { AppointmentView, Slot } from '../../../../shared/dto/clinic';
import { errorMessage, useChannelQuery } from '../../lib/api';
import { BookDialog, type BookingTarget } from '../appointments/BookDialog';
import { CancelDialog } from '../appointments/CancelDialog';
import { MoveDialog } from '../appointments/MoveDialog';
import { canCancel, canMove } from '../appointments/changes';
import { StatusBadge } from '../../components/StatusBadge';
import { addDays, mondayOf, weekdayLabel } from './calendarDates';

type Entry =
  | { kind: 'appointment'; at: number; appointment: AppointmentView }
  | { kind: 'free'; at: number; slot: Slot; doctorId: number; doctorName: string };

/** Day or week of one doctor or one department: appointments and free slots, booking from a slot. */
export function CalendarScreen() {
  const options = useChannelQuery('appointments/options', {});
  const [view, setView] = useState<'day' | 'week'>('day');
  const [scope, setScope] = useState<string | null>(null);
  const [picked, setPicked] = useState<string | null>(null);
  const [booking, setBooking] = useState<BookingTarget | null>(null);
  const [moving, setMoving] = useState<AppointmentView | null>(null);
  const [cancelling, setCancelling] = useState<AppointmentView | null>(null);
  const today = options.data?.today ?? '';
  const date = picked ?? today;
  const chosen = scope ?? (options.data?.doctors[0] ? `doctor:${options.data.doctors[0].id}` : null);
  const [kind, rawId] = (chosen ?? ':').split(':');
  const filter =
    kind === 'doctor'
      ? { doctorId: Number(rawId) }
      : kind === 'department'
        ? { departmentId: Number(rawId) }
        : {};
  const from = view === 'week' && date ? mondayOf(date) : date;
  const days = view === 'week' ? 7 : 1;
  const ready = from !== '' && chosen !== null;
  const list = useChannelQuery('appointments/list', { from, days, ...filter }, { enabled: ready });
  const free = useChannelQuery('appointments/freeSlots', { from, days, ...filter }, { enabled: ready });

  const dates = from ? Array.from({ length: days }, (_, i) => addDays(from, i)) : [];
  const entriesOn = (day: string): Entry[] => {
    const booked: Entry[] = (list.data?.items ?? [])
      .filter((a) => a.date === day)
      .map((a) => ({ kind: 'appointment', at: a.startsAt, appointment: a }));
    const open: Entry[] = (free.data?.doctors ?? []).flatMap((d) =>
      d.slots
        .filter((s) => s.date === day)
        .map((slot) => ({
          kind: 'free' as const,
          at: slot.startsAt,
          slot,
          doctorId: d.doctorId,
          doctorName: d.doctorName,
        })),
    );
    return [...booked, ...open].sort((a, b) => a.at - b.at);
  };
  const scopeData = [
    {
      group: 'Doctors',
      items: (options.data?.doctors ?? []).map((d) => ({ value: `doctor:${d.id}`, label: d.fullName })),
    },
    {
      group: 'Departments',
      items: (options.data?.departments ?? []).map((d) => ({ value: `department:${d.id}`, label: d.name })),
    },
  ];
  const showDoctor = kind === 'department';

  return (
    <Stack gap="lg">
      <Title order={1} size="h2">
        Calendar
      </Title>
      <Paper withBorder p="md">
        <Group align="flex-end" wrap="wrap">
          <Select
            label="Doctor or department"
            data={scopeData}
            value={chosen}
            onChange={setScope}
            searchable
            w={280}
            allowDeselect={false}
          />
          <DatePickerInput
            label="Date"
            valueFormat="ddd D MMM YYYY"
            value={date || null}
            onChange={setPicked}
            w={200}
          />
          <Group gap={4} mb={4}>
            <ActionIcon
              variant="default"
              size="lg"
              aria-label={view === 'week' ? 'Previous week' : 'Previous day'}
              onClick={() => setPicked(addDays(date, view === 'week' ? -7 : -1))}
            >
              ‹
            </ActionIcon>
            <Button variant="default" onClick={() => setPicked(today)}>
              Today
            </Button>
            <ActionIcon
              variant="default"
              size="lg"
              aria-label={view === 'week' ? 'Next week' : 'Next day'}
              onClick={() => setPicked(addDays(date, view === 'week' ? 7 : 1))}
            >
              ›
            </ActionIcon>
          </Group>
          <SegmentedControl
            aria-label="Calendar view"
            value={view}
            onChange={(v) => setView(v === 'week' ? 'week' : 'day')}
            data={[
              { value: 'day', label: 'Day' },
              { value: 'week', label: 'Week' },
            ]}
            mb={2}
          />
        </Group>
      </Paper>
      {list.isError || free.isError ? (
        <Alert color="red" role="alert">
          {errorMessage(list.error ?? free.error)}
        </Alert>
      ) : null}
      <SimpleGrid
        // A week's days as many to a row as fit at 14rem each: fixed 4 or 7 columns ran the time,
        // the status and the ⋯ menu out of a column at 1440 px, and left most of a wide screen empty.
        {...(days === 1 ? { cols: 1 } : { minColWidth: '14rem', autoFlow: 'auto-fit' as const })}
        spacing="sm"
      >
        {dates.map((day) => {
          const entries = entriesOn(day);
          return (
            <Paper key={day} withBorder p="sm" component="section" aria-label={`${weekdayLabel(day)} ${day}`}>
              <Text fw={600} mb="xs">
                {weekdayLabel(day)} {day}
                {day === today ? (
                  <Badge ml="xs" size="xs">
                    today
                  </Badge>
                ) : null}
              </Text>
              <Stack gap={4}>
                {entries.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    {list.data ? 'No hours or bookings.' : 'Loading…'}
                  </Text>
                ) : null}
                {entries.map((entry) =>
                  entry.kind === 'appointment' ? (
                    <AppointmentEntry
                      key={`a${entry.appointment.id}`}
                      appointment={entry.appointment}
                      showDoctor={showDoctor}
                      stacked={days > 1}
                      onMove={setMoving}
                      onCancel={setCancelling}
                    />
                  ) : (
                    <Button
                      key={`f${entry.doctorId}-${entry.at}`}
                      size="compact-sm"
                      variant="light"
                      color="teal"
                      justify="flex-start"
                      aria-label={`Book ${entry.doctorName} at ${entry.slot.time} on ${entry.slot.date}`}
                      onClick={() =>
                        setBooking({
                          doctorId: entry.doctorId,
                          doctorName: entry.doctorName,
                          slot: entry.slot,
                        })
                      }
                    >
                      {entry.slot.time} free{showDoctor ? ` · ${entry.doctorName}` : ''}
                    </Button>
                  ),
                )}
              </Stack>
            </Paper>
          );
        })}
      </SimpleGrid>
      <BookDialog target={booking} onClose={() => setBooking(null)} />
      <MoveDialog appointment={moving} onClose={() => setMoving(null)} />
      <CancelDialog appointment={cancelling} onClose={() => setCancelling(null)} />
    </Stack>
  );
}

/**
 * One appointment in a day's column. A week's columns are narrow: there the time, status and menu
 * take the first line and the patient's name the whole second, wrapping rather than cut short, so
 * the desk can read who is booked (one line cut most names to "Chloe W…").
 */
function AppointmentEntry({
  appointment,
  showDoctor,
  stacked,
  onMove,
  onCancel,
}: {
  appointment: AppointmentView;
  showDoctor: boolean;
  stacked: boolean;
  onMove: (appointment: AppointmentView) => void;
  onCancel: (appointment: AppointmentView) => void;
}) {
  const who = (
    <Text size="sm" truncate={stacked ? undefined : true} flex={stacked ? undefined : 1}>
      <a href={`#/patients/${appointment.patientId}`}>{appointment.patientName}</a>
      {showDoctor ? ` · ${appointment.doctorName}` : ''}
    </Text>
  );
  return (
    // Dimmed, not faded: opacity took the badge and link below AA contrast (issue 11).
    <Stack gap={0} c={appointment.status === 'cancelled' ? 'dimmed' : undefined}>
      <Group gap="xs" wrap="nowrap">
        <Text size="sm" ff="monospace" flex={stacked ? 1 : undefined}>
          {appointment.time}
        </Text>
        {stacked ? null : who}
        <StatusBadge status={appointment.status} />
        <ChangeMenu appointment={appointment} onMove={onMove} onCancel={onCancel} />
      </Group>
      {stacked ? who : null}
    </Stack>
  );
}

/** Move or cancel an appointment that has not happened yet: what a patient calls the desk about. */
function ChangeMenu({
  appointment,
  onMove,
  onCancel,
}: {
  appointment: AppointmentView;
  onMove: (appointment: AppointmentView) => void;
  onCancel: (appointment: AppointmentView) => void;
}) {
  if (!canCancel(appointment.status)) return null;
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon
          variant="subtle"
          size="sm"
          aria-label={`Change ${appointment.patientName}'s appointment at ${appointment.time} on ${appointment.date}`}
        >
          ⋯
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        {canMove(appointment.status) ? (
          <Menu.Item onClick={() => onMove(appointment)}>Move…</Menu.Item>
        ) : null}
        <Menu.Item color="red" onClick={() => onCancel(appointment)}>
          Cancel…
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
