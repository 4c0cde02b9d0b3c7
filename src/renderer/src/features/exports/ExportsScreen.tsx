import { Button, Checkbox, Code, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import type { ExportItem } from '../../../../shared/dto/jobs';
import { Panel, PanelTable } from '../../components/Panel';
import { StatusBadge } from '../../components/StatusBadge';
import { errorMessage, useChannelMutation, useChannelQuery } from '../../lib/api';
import { useExportProgress } from '../../lib/useJobEvents';
import { useSession } from '../../lib/session';
import { formatInstant } from '../jobs/jobFormat';
import { exportEmailLine } from './exportEmail';
import { ExportHistoryButton } from './ExportHistoryButton';

type Role = 'admin' | 'reception' | 'doctor';

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
          {role === 'reception'
            ? 'Request a patient’s history for them: a doctor or the administrator approves it before it is written and emailed to the address on file.'
            : 'CSV files of a patient’s history (emailed to the address on file) or of all appointments in a period. Front-desk requests wait here for approval.'}
        </Text>
      </div>
      {role ? <PatientExportPicker role={role} /> : null}
      {role === 'admin' ? <RangeExportForm /> : null}
      {role ? <ExportsList role={role} /> : null}
    </Stack>
  );
}

function PatientExportPicker({ role }: { role: Role }) {
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
    <Panel
      id="export-patient-title"
      title={role === 'reception' ? 'Request a patient’s history' : 'Export a patient’s history'}
    >
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
    </Panel>
  );
}

function RangeExportForm() {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const start = useChannelMutation('exports/startRange');
  const [error, setError] = useState<string | null>(null);
  return (
    <Panel id="export-range-title" title="Export all appointments in a period">
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
    </Panel>
  );
}

function ExportsList({ role }: { role: Role }) {
  const exports = useChannelQuery('exports/list', { limit: 50 });
  const progress = useExportProgress();
  return (
    <Panel id="exports-title" title="Recent exports">
      <PanelTable
        label="Exports"
        columns={['Export', 'Status', 'Rows', 'File', 'Email', '']}
        error={exports.isError ? errorMessage(exports.error) : null}
      >
        {(exports.data ?? []).map((item) => (
          <ExportRow key={item.id} item={item} rowsSoFar={progress[item.id]} role={role} />
        ))}
      </PanelTable>
      {exports.data && exports.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          No exports yet.
        </Text>
      ) : null}
    </Panel>
  );
}

function ExportRow({
  item,
  rowsSoFar,
  role,
}: {
  item: ExportItem;
  rowsSoFar: number | undefined;
  role: Role;
}) {
  const decides = role !== 'reception';
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
          {item.requestedByName
            ? ` · ${item.status === 'requested' || item.decidedByName ? 'requested' : 'started'} by ${item.requestedByName}`
            : ''}
          {item.decidedByName
            ? ` · ${item.status === 'refused' ? 'refused' : 'approved'} by ${item.decidedByName}`
            : ''}
        </Text>
      </Table.Td>
      <Table.Td>
        <StatusBadge status={item.status} />
        {item.error ? (
          <Text size="xs" c="red">
            {item.error}
          </Text>
        ) : null}
        {item.refusalReason ? <Text size="xs">Reason: {item.refusalReason}</Text> : null}
      </Table.Td>
      <Table.Td>
        {item.status === 'running'
          ? (rowsSoFar ?? 0)
          : item.status === 'requested' || item.status === 'refused'
            ? '—'
            : item.rows}
      </Table.Td>
      <Table.Td>{item.fileName ? <Code>{item.fileName}</Code> : null}</Table.Td>
      <Table.Td>
        <Text size="xs">{exportEmailLine(item, formatInstant)}</Text>
        {item.emailChangedAt ? (
          <Text size="xs" c="orange" fw={600}>
            Address changed {formatInstant(item.emailChangedAt)}, less than 24 hours ago
          </Text>
        ) : null}
        {item.emailChangeConfirmed ? <Text size="xs">Recent address change confirmed</Text> : null}
      </Table.Td>
      <Table.Td>
        {item.status === 'requested' && decides ? <RequestDecision item={item} /> : null}
        <Group gap="xs">
          {item.status === 'done' && item.filePath ? (
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
          {item.status === 'done' && item.kind === 'patient_history' && decides && item.cannotResend ? (
            <Text size="xs" c="dimmed">
              No Resend: {item.cannotResend}
            </Text>
          ) : null}
          {item.status === 'done' && item.kind === 'patient_history' && decides && !item.cannotResend ? (
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
          {item.status === 'failed' && decides ? (
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

/** Approve (confirming a recent address change when there is one) or refuse with a reason. */
function RequestDecision({ item }: { item: ExportItem }) {
  const approve = useChannelMutation('exports/approve');
  const refuse = useChannelMutation('exports/refuse');
  const [confirmed, setConfirmed] = useState(false);
  const [refusing, setRefusing] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const fail = (e: unknown) => setError(errorMessage(e));
  const recentChange = item.emailChangedAt !== null;
  return (
    <Stack gap={6} mb={6}>
      {recentChange ? (
        <Checkbox
          size="xs"
          label="I checked with the patient that this recently changed address is theirs"
          checked={confirmed}
          onChange={(e) => setConfirmed(e.currentTarget.checked)}
        />
      ) : null}
      <Group gap="xs">
        <Button
          size="xs"
          aria-label={`Approve export ${item.id}`}
          loading={approve.isPending}
          disabled={recentChange && !confirmed}
          onClick={() => {
            setError(null);
            approve.mutate({ id: item.id, confirmRecentEmailChange: confirmed }, { onError: fail });
          }}
        >
          Approve and send
        </Button>
        <Button
          size="xs"
          variant="default"
          aria-label={`Refuse export ${item.id}`}
          onClick={() => setRefusing((open) => !open)}
        >
          Refuse
        </Button>
      </Group>
      {refusing ? (
        <Group gap="xs" align="flex-end">
          <TextInput
            size="xs"
            label="Reason for refusing"
            value={reason}
            maxLength={500}
            onChange={(e) => setReason(e.currentTarget.value)}
          />
          <Button
            size="xs"
            color="red"
            variant="light"
            loading={refuse.isPending}
            disabled={reason.trim() === ''}
            onClick={() => {
              setError(null);
              refuse.mutate({ id: item.id, reason }, { onError: fail });
            }}
          >
            Refuse request
          </Button>
        </Group>
      ) : null}
      {error ? (
        <Text size="xs" c="red" role="alert">
          {error}
        </Text>
      ) : null}
    </Stack>
  );
}
