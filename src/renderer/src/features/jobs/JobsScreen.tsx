import { Alert, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { JobName, JobOverview, OutboxItem } from '../../../../shared/dto/jobs';
import { AlertIcon } from '../../components/icons';
import { StatusBadge } from '../../components/StatusBadge';
import { errorMessage, useChannelMutation, useChannelQuery } from '../../lib/api';
import { DeliveryNote } from '../mail/DeliveryNote';
import { formatCounts, formatInstant } from './jobFormat';

/** Administrator's view of the background jobs and the email outbox. */
export function JobsScreen() {
  return (
    <Stack gap="lg">
      <div>
        <Title order={1} size="h2">
          Jobs
        </Title>
        <Text c="dimmed" size="sm">
          Reminders and monthly reports run by themselves; here you see how they went and can run them now.
        </Text>
      </div>
      <JobsPanel />
      <OutboxPanel />
    </Stack>
  );
}

function JobsPanel() {
  const jobs = useChannelQuery('jobs/list', {});
  const run = useChannelMutation('jobs/run');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const runNow = (job: JobName) => {
    setMessage(null);
    run.mutate(
      { job },
      {
        onSuccess: (result) => {
          const period = result.periods[0];
          setMessage(
            period?.status === 'succeeded'
              ? { ok: true, text: `Done for ${period.period}: ${formatCounts(period.counts)}.` }
              : { ok: false, text: period?.error ?? 'The job failed.' },
          );
        },
        onError: (error) => setMessage({ ok: false, text: errorMessage(error) }),
      },
    );
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="jobs-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="jobs-title">
          Scheduled jobs
        </Title>
        {jobs.isError ? (
          <Alert color="red" icon={<AlertIcon />} role="alert">
            {errorMessage(jobs.error)}
          </Alert>
        ) : null}
        <Table striped aria-label="Scheduled jobs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Job</Table.Th>
              <Table.Th>Schedule</Table.Th>
              <Table.Th>Last run</Table.Th>
              <Table.Th>Next run</Table.Th>
              <Table.Th>Recent failures</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(jobs.data ?? []).map((job) => (
              <JobRow
                key={job.job}
                job={job}
                onRun={() => runNow(job.job)}
                running={run.isPending && run.variables.job === job.job}
              />
            ))}
          </Table.Tbody>
        </Table>
        {message ? (
          <Text size="sm" c={message.ok ? 'teal' : 'red'} role="status">
            {message.text}
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}

function JobRow({ job, onRun, running }: { job: JobOverview; onRun: () => void; running: boolean }) {
  const last = job.lastRun;
  return (
    <Table.Tr>
      <Table.Td fw={600}>{job.label}</Table.Td>
      <Table.Td>{job.schedule}</Table.Td>
      <Table.Td>
        {last ? (
          <Stack gap={2}>
            <Group gap="xs">
              <StatusBadge status={last.status} />
              <Text size="sm">
                {last.period} · {formatInstant(last.startedAt)}
              </Text>
            </Group>
            <Text size="xs" c="dimmed">
              {formatCounts(last.counts)}
            </Text>
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            Never
          </Text>
        )}
      </Table.Td>
      <Table.Td>{formatInstant(job.nextRunAt)}</Table.Td>
      <Table.Td>
        {job.recentFailures.length === 0 ? (
          <Text size="sm" c="dimmed">
            None
          </Text>
        ) : (
          job.recentFailures.map((f) => (
            <Text key={f.period} size="xs" c="red">
              {f.period}: {f.error}
            </Text>
          ))
        )}
      </Table.Td>
      <Table.Td>
        <Button size="xs" onClick={onRun} loading={running} aria-label={`Run ${job.label.toLowerCase()} now`}>
          Run now
        </Button>
      </Table.Td>
    </Table.Tr>
  );
}

function OutboxPanel() {
  const outbox = useChannelQuery('outbox/list', { limit: 100 });
  const retry = useChannelMutation('outbox/retry');
  const [error, setError] = useState<string | null>(null);
  const data = outbox.data;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="outbox-title">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4" id="outbox-title">
            Email outbox
          </Title>
          {data ? (
            <Text size="sm" c="dimmed">
              {data.counts.queued} waiting · {data.counts.sending} sending · {data.counts.sent} sent ·{' '}
              {data.counts.failed} failed
            </Text>
          ) : null}
        </Group>
        {data ? <DeliveryNote delivery={data.delivery} /> : null}
        {outbox.isError || error ? (
          <Alert color="red" icon={<AlertIcon />} role="alert">
            {error ?? errorMessage(outbox.error)}
          </Alert>
        ) : null}
        <Table striped aria-label="Email outbox">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Message</Table.Th>
              <Table.Th>To</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Attempts</Table.Th>
              <Table.Th>Last error</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(data?.items ?? []).map((item: OutboxItem) => (
              <Table.Tr key={item.id}>
                <Table.Td>
                  <Text size="sm">{item.subject}</Text>
                  <Text size="xs" c="dimmed">
                    #{item.id} · {item.kind} · {formatInstant(item.createdAt)}
                  </Text>
                </Table.Td>
                <Table.Td>{item.to}</Table.Td>
                <Table.Td>
                  <StatusBadge status={item.status} />
                  {item.status === 'queued' && item.nextAttemptAt && item.attempts > 0 ? (
                    <Text size="xs" c="dimmed">
                      next try {formatInstant(item.nextAttemptAt)}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>{item.attempts}</Table.Td>
                <Table.Td>
                  <Text size="xs">{item.lastError ?? ''}</Text>
                </Table.Td>
                <Table.Td>
                  {item.status === 'failed' || (item.status === 'queued' && item.attempts > 0) ? (
                    <Button
                      size="xs"
                      variant="light"
                      aria-label={`Retry message ${item.id}`}
                      onClick={() => {
                        setError(null);
                        retry.mutate({ id: item.id }, { onError: (e) => setError(errorMessage(e)) });
                      }}
                    >
                      Retry
                    </Button>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {data && data.items.length === 0 ? (
          <Text size="sm" c="dimmed">
            No email has been sent yet.
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}
