import { Alert, Button, Group, NavLink, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { ReportDetail } from '../../../../shared/dto/jobs';
import { AlertIcon } from '../../components/icons';
import { errorMessage, useChannelMutation, useChannelQuery } from '../../lib/api';

/** Everything but the report is hidden when printing, so "Print → Save as PDF" gives just the report. */
const PRINT_CSS = `@media print {
  body * { visibility: hidden !important; }
  .report-print, .report-print * { visibility: visible !important; }
  .report-print { position: absolute; left: 0; top: 0; width: 100%; }
  .report-actions { display: none !important; }
}`;

/** A doctor's monthly activity reports, newest first; each can be printed or saved as PDF. */
export function MyReportsScreen() {
  const reports = useChannelQuery('reports/listMine', {});
  const [selected, setSelected] = useState<number | null>(null);
  const current = selected ?? reports.data?.[0]?.id ?? null;
  return (
    <Stack gap="lg">
      <div>
        <Title order={1} size="h2">
          My reports
        </Title>
        <Text c="dimmed" size="sm">
          Your monthly activity report arrives by email on the first of each month and is kept here.
        </Text>
      </div>
      {reports.isError ? (
        <Alert color="red" icon={<AlertIcon />} role="alert">
          {errorMessage(reports.error)}
        </Alert>
      ) : null}
      {reports.data && reports.data.length === 0 ? <Text c="dimmed">No reports yet.</Text> : null}
      <Group align="flex-start" wrap="nowrap">
        <Paper withBorder p="xs" w={200} component="nav" aria-label="Reports by month">
          {(reports.data ?? []).map((r) => (
            <NavLink key={r.id} label={r.month} active={r.id === current} onClick={() => setSelected(r.id)} />
          ))}
        </Paper>
        {current !== null ? <ReportView id={current} /> : null}
      </Group>
    </Stack>
  );
}

function ReportView({ id }: { id: number }) {
  const report = useChannelQuery('reports/get', { id });
  if (report.isError) {
    return (
      <Alert color="red" icon={<AlertIcon />} role="alert">
        {errorMessage(report.error)}
      </Alert>
    );
  }
  if (!report.data) return <Text c="dimmed">Loading report…</Text>;
  return <Report report={report.data} />;
}

function Report({ report }: { report: ReportDetail }) {
  const savePdf = useChannelMutation('reports/savePdf');
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const d = report.data;
  const statuses: [string, number][] = [
    ['Booked', d.totals.booked],
    ['Arrived', d.totals.arrived],
    ['Completed', d.totals.completed],
    ['Cancelled', d.totals.cancelled],
    ['No-show', d.totals.no_show],
  ];
  return (
    <Paper
      withBorder
      p="lg"
      flex={1}
      className="report-print"
      component="article"
      aria-label={`Report ${d.periodLabel}`}
    >
      <style>{PRINT_CSS}</style>
      <Stack gap="md">
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={2} size="h3">
              Monthly activity report – {d.periodLabel}
            </Title>
            <Text>
              {d.doctorName} · {d.department}
            </Text>
          </div>
          <Group className="report-actions">
            {report.pdfAvailable ? (
              <Button
                loading={savePdf.isPending}
                onClick={() =>
                  savePdf.mutate(
                    { id: report.id },
                    {
                      onSuccess: ({ path }) => setNote({ ok: true, text: `Saved as ${path}` }),
                      onError: (e) => setNote({ ok: false, text: errorMessage(e) }),
                    },
                  )
                }
              >
                Save as PDF
              </Button>
            ) : null}
            <Button variant="default" onClick={() => window.print()}>
              Print
            </Button>
          </Group>
        </Group>
        {note ? (
          <Text size="sm" c={note.ok ? 'teal' : 'red'} role="status" className="report-actions">
            {note.text}
          </Text>
        ) : null}
        <SimpleGrid cols={{ base: 2, sm: 4 }}>
          <Figure label="Appointments" value={String(d.totalAppointments)} />
          <Figure
            label="No-show rate"
            value={d.noShowRate === null ? 'n/a' : `${(d.noShowRate * 100).toFixed(1)}%`}
          />
          <Figure label="Treatments recorded" value={String(d.treatmentsRecorded)} />
          <Figure label="Completed visits" value={String(d.completedVisits.length)} />
        </SimpleGrid>
        <CountTable label="Appointments by status" rows={statuses} />
        {d.followUps ? (
          <div>
            <Title order={3} size="h5">
              Follow-ups due this month
            </Title>
            <CountTable
              label="Follow-ups due this month"
              rows={[
                ['Due', d.followUps.due],
                ['Booked', d.followUps.booked],
                ['Not needed', d.followUps.notNeeded],
                ['Overdue', d.followUps.overdue],
              ]}
            />
            <Text size="xs" c="dimmed">
              As they stood on {d.followUps.asOf}; overdue ones are still open.
            </Text>
          </div>
        ) : null}
        <div>
          <Title order={3} size="h5">
            Most frequent diagnoses
          </Title>
          {d.topDiagnoses.length === 0 ? (
            <Text size="sm">None recorded.</Text>
          ) : (
            <ol>
              {d.topDiagnoses.map((t) => (
                <li key={t.diagnosis}>
                  {t.diagnosis} ({t.count})
                </li>
              ))}
            </ol>
          )}
        </div>
        <Title order={3} size="h5">
          Completed visits
        </Title>
        <Table striped withTableBorder aria-label="Completed visits">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Date</Table.Th>
              <Table.Th>Time</Table.Th>
              <Table.Th>Patient</Table.Th>
              <Table.Th>Diagnosis</Table.Th>
              <Table.Th>Treatment</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {d.completedVisits.map((v, i) => (
              <Table.Tr key={i}>
                <Table.Td>{v.date}</Table.Td>
                <Table.Td>{v.time}</Table.Td>
                <Table.Td>{v.patient}</Table.Td>
                <Table.Td>{v.diagnosis}</Table.Td>
                <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{v.treatment}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    </Paper>
  );
}

/** A small two-column table of labelled counts. */
function CountTable({ label, rows }: { label: string; rows: [string, number][] }) {
  return (
    <Table aria-label={label} w="auto" withTableBorder>
      <Table.Tbody>
        {rows.map(([name, n]) => (
          <Table.Tr key={name}>
            <Table.Th>{name}</Table.Th>
            <Table.Td>{n}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <Paper withBorder p="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="lg">
        {value}
      </Text>
    </Paper>
  );
}
