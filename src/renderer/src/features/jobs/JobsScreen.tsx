import { Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { JobName, JobOverview } from '../../../../shared/dto/jobs';
import { Panel, PanelTable } from '../../components/Panel';
import { errorMessage, useChannelMutation, useChannelQuery } from '../../lib/api';
import { OutboxPanel } from '../outbox/OutboxPanel';
import { formatCounts, formatInstant } from './jobFormat';
import { StatusBadge } from '../../components/StatusBadge';

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
    <Panel id="jobs-title" title="Scheduled jobs">
      <PanelTable
        label="Scheduled jobs"
        columns={['Job', 'Schedule', 'Last run', 'Next run', 'Recent failures', '']}
        error={jobs.isError ? errorMessage(jobs.error) : null}
      >
        {(jobs.data ?? []).map((job) => (
          <JobRow
            key={job.job}
            job={job}
            onRun={() => runNow(job.job)}
            running={run.isPending && run.variables.job === job.job}
          />
        ))}
      </PanelTable>
      {message ? (
        <Text size="sm" c={message.ok ? 'teal' : 'red'} role="status">
          {message.text}
        </Text>
      ) : null}
    </Panel>
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
