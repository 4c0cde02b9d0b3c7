import {
  Alert,
  Button,
  Code,
  Group,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import type { ExportItem } from '../../../../shared/dto/jobs';
import { AlertIcon } from '../../components/icons';
import { StatusBadge } from '../../components/StatusBadge';
import { errorMessage, useChannelMutation, useChannelQuery } from '../../lib/api';
import { useExportProgress } from '../../lib/useJobEvents';
import { useSession } from '../../lib/session';
import { formatInstant } from '../jobs/jobFormat';
import { ExportHistoryButton } from './ExportHistoryButton';

/** Every export: its progress, file, email and what can be done with it. */
export function ExportsScreen() {
  const session = useSession();
  const role = session.data?.role;
  return (
    <Stack gap="lg">
      <div>
        <Title order={1} size="h2">
          Exports
        </Title>
        <Text c="dimmed" size="sm">
          CSV files of a patient&apos;s history (emailed to the patient) or of all appointments in a period.
        </Text>
      </div>
      {role === 'reception' || role === 'doctor' ? <PatientExportPicker /> : null}
      {role === 'admin' ? <RangeExportForm /> : null}
      <ExportsList />
    </Stack>
  );
}

function PatientExportPicker() {
  const [search, setSearch] = useState('');
  const [query] = useDebouncedValue(search.trim(), 250);
  const [patientId, setPatientId] = useState<string | null>(null);
  const patients = useChannelQuery(
    'patients/list',
    { query, limit: 20 },
    { enabled: query.length > 0, keepPrevious: true },
  );
  const options = (patients.data?.items ?? []).map((p) => ({
    value: String(p.id),
    label: `${p.fullName} (${p.patientNumber})`,
  }));
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="export-patient-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="export-patient-title">
          Export a patient&apos;s history
        </Title>
        <Group align="flex-end">
          <Select
            label="Patient"
            placeholder="Type a name, phone or patient number"
            searchable
            searchValue={search}
            onSearchChange={setSearch}
            data={options}
            value={patientId}
            onChange={setPatientId}
            nothingFoundMessage={query ? 'No patient found' : undefined}
            filter={({ options: all }) => all}
            w={360}
          />
          {patientId ? <ExportHistoryButton patientId={Number(patientId)} /> : null}
        </Group>
      </Stack>
    </Paper>
  );
}

function RangeExportForm() {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const start = useChannelMutation('exports/startRange');
  const [error, setError] = useState<string | null>(null);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="export-range-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="export-range-title">
          Export all appointments in a period
        </Title>
        <Group align="flex-end">
          <TextInput label="From" type="date" value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
          <TextInput label="To" type="date" value={to} onChange={(e) => setTo(e.currentTarget.value)} />
          <Button
            loading={start.isPending}
            disabled={!from || !to}
            onClick={() => {
              setError(null);
              start.mutate({ from, to }, { onError: (e) => setError(errorMessage(e)) });
            }}
          >
            Start export
          </Button>
        </Group>
        {error ? (
          <Text c="red" size="sm" role="alert">
            {error}
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}

function ExportsList() {
  const exports = useChannelQuery('exports/list', { limit: 50 });
  const progress = useExportProgress();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="exports-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="exports-title">
          Recent exports
        </Title>
        {exports.isError ? (
          <Alert color="red" icon={<AlertIcon />} role="alert">
            {errorMessage(exports.error)}
          </Alert>
        ) : null}
        <Table striped aria-label="Exports">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Export</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Rows</Table.Th>
              <Table.Th>File</Table.Th>
              <Table.Th>Email</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(exports.data ?? []).map((item) => (
              <ExportRow key={item.id} item={item} rowsSoFar={progress[item.id]} />
            ))}
          </Table.Tbody>
        </Table>
        {exports.data && exports.data.length === 0 ? (
          <Text size="sm" c="dimmed">
            No exports yet.
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}

function ExportRow({ item, rowsSoFar }: { item: ExportItem; rowsSoFar: number | undefined }) {
  const reveal = useChannelMutation('exports/reveal');
  const resend = useChannelMutation('exports/resend');
  const retry = useChannelMutation('exports/retry');
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const fail = (error: unknown) => setNote({ ok: false, text: errorMessage(error) });
  const label =
    item.kind === 'patient_history'
      ? `History of ${item.patientNumber}`
      : `Appointments ${item.rangeFrom} to ${item.rangeTo}`;
  return (
    <Table.Tr aria-label={`Export ${item.id}`}>
      <Table.Td>
        <Text size="sm">{label}</Text>
        <Text size="xs" c="dimmed">
          #{item.id} · {formatInstant(item.createdAt)}
        </Text>
      </Table.Td>
      <Table.Td>
        <StatusBadge status={item.status} />
        {item.error ? (
          <Text size="xs" c="red">
            {item.error}
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td>{item.status === 'running' ? (rowsSoFar ?? 0) : item.rows}</Table.Td>
      <Table.Td>{item.fileName ? <Code>{item.fileName}</Code> : null}</Table.Td>
      <Table.Td>
        <Text size="xs">{item.emailStatus ?? item.emailNote ?? ''}</Text>
      </Table.Td>
      <Table.Td>
        <Group gap="xs">
          {item.status === 'done' ? (
            <Button
              size="xs"
              variant="default"
              aria-label={`Show file of export ${item.id}`}
              onClick={() =>
                reveal.mutate(
                  { id: item.id },
                  { onSuccess: (r) => setNote(r.shown ? null : { ok: true, text: r.path }), onError: fail },
                )
              }
            >
              Open folder
            </Button>
          ) : null}
          {item.status === 'done' && item.kind === 'patient_history' ? (
            <Button
              size="xs"
              variant="light"
              aria-label={`Email export ${item.id} again`}
              onClick={() =>
                resend.mutate(
                  { id: item.id },
                  {
                    onSuccess: () => setNote({ ok: true, text: 'Queued to be emailed again.' }),
                    onError: fail,
                  },
                )
              }
            >
              Resend
            </Button>
          ) : null}
          {item.status === 'failed' ? (
            <Button
              size="xs"
              color="red"
              variant="light"
              aria-label={`Retry export ${item.id}`}
              onClick={() => retry.mutate({ id: item.id }, { onError: fail })}
            >
              Retry
            </Button>
          ) : null}
        </Group>
        {note ? (
          <Text size="xs" c={note.ok ? 'dimmed' : 'red'} role="status" style={{ wordBreak: 'break-all' }}>
            {note.text}
          </Text>
        ) : null}
      </Table.Td>
    </Table.Tr>
  );
}
