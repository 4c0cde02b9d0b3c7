import { Button, Table, Text } from '@mantine/core';
import { useState } from 'react';
import type { OutboxItem } from '../../../../shared/dto/jobs';
import { Panel, PanelTable } from '../../components/Panel';
import { errorMessage, useChannelMutation, useChannelQuery } from '../../lib/api';
import { DeliveryNote } from '../mail/DeliveryNote';
import { formatInstant } from '../jobs/jobFormat';
import { StatusBadge } from '../../components/StatusBadge';

/** The email outbox (outbox/list, outbox/retry), shown on the Jobs screen. */
export function OutboxPanel() {
  const outbox = useChannelQuery('outbox/list', { limit: 100 });
  const retry = useChannelMutation('outbox/retry');
  const [error, setError] = useState<string | null>(null);
  const data = outbox.data;
  return (
    <Panel
      id="outbox-title"
      title="Email outbox"
      aside={
        data ? (
          <Text size="sm" c="dimmed">
            {data.counts.queued} waiting · {data.counts.sending} sending · {data.counts.sent} sent ·{' '}
            {data.counts.failed} failed
          </Text>
        ) : null
      }
    >
      {data ? <DeliveryNote delivery={data.delivery} /> : null}
      <PanelTable
        label="Email outbox"
        columns={['Message', 'To', 'Status', 'Attempts', 'Last error', '']}
        error={error ?? (outbox.isError ? errorMessage(outbox.error) : null)}
      >
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
      </PanelTable>
      {data && data.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          No email has been sent yet.
        </Text>
      ) : null}
    </Panel>
  );
}
