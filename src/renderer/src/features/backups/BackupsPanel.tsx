import { Alert, Button, Card, Code, Group, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { errorMessage, useChannelMutation, useChannelQuery } from '../../lib/api';

const kb = (bytes: number) => `${Math.max(1, Math.round(bytes / 1024)).toLocaleString()} KB`;
const when = (iso: string) => new Date(iso).toLocaleString();

/**
 * Settings › Backups (admin): the verified daily backups, "Back up now", and restore. A restore
 * keeps the current database as a safety copy and restarts Clinic Desk to swap the file.
 */
export function BackupsPanel() {
  const overview = useChannelQuery('backups/list', {});
  const backUp = useChannelMutation('backups/run');
  const restore = useChannelMutation('backups/restore');
  const [confirming, setConfirming] = useState<string | null>(null);

  const data = overview.data;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="backups-title">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4" id="backups-title">
            Backups
          </Title>
          <Button
            onClick={() => backUp.mutate({}, { onSuccess: () => void overview.refetch() })}
            loading={backUp.isPending}
          >
            Back up now
          </Button>
        </Group>
        {overview.error && <Alert color="red">{errorMessage(overview.error)}</Alert>}
        {backUp.error && <Alert color="red">{errorMessage(backUp.error)}</Alert>}
        {restore.error && <Alert color="red">{errorMessage(restore.error)}</Alert>}
        {restore.isSuccess && (
          <Alert color="teal">
            Clinic Desk is restarting to restore the backup. Sign in again in a moment.
          </Alert>
        )}
        {data && (
          <>
            {data.stale ? (
              <Alert color="orange" title="No recent backup">
                {data.lastBackupAt
                  ? `The last good backup was made ${when(data.lastBackupAt)}, more than two days ago.`
                  : 'No backup has been made yet.'}{' '}
                Make one now, and check that the daily backup runs.
              </Alert>
            ) : (
              <Text size="sm">
                Last good backup: {data.lastBackupAt ? when(data.lastBackupAt) : 'never'}.
              </Text>
            )}
            {data.lastRestoreError && (
              <Alert color="red" title="The last restore was not carried out">
                {data.lastRestoreError}
              </Alert>
            )}
            <Text size="sm" c="dimmed">
              Daily backups are kept for 14 days and the first of each month for 12 months, in{' '}
              <Code>{data.folder}</Code>. Copy that folder somewhere off this PC regularly.
            </Text>
            <Table striped aria-label="Backups">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Backup</Table.Th>
                  <Table.Th>Kind</Table.Th>
                  <Table.Th>Made</Table.Th>
                  <Table.Th>Size</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.backups.map((b) => (
                  <Table.Tr key={b.name}>
                    <Table.Td>{b.name}</Table.Td>
                    <Table.Td>{b.kind === 'daily' ? 'Daily' : 'Monthly'}</Table.Td>
                    <Table.Td>{when(b.modifiedAt)}</Table.Td>
                    <Table.Td>{kb(b.bytes)}</Table.Td>
                    <Table.Td>
                      {confirming === b.name ? (
                        <Group gap="xs">
                          <Button
                            size="xs"
                            color="red"
                            loading={restore.isPending}
                            onClick={() => restore.mutate({ name: b.name })}
                          >
                            Restore {b.name}
                          </Button>
                          <Button size="xs" variant="default" onClick={() => setConfirming(null)}>
                            Cancel
                          </Button>
                        </Group>
                      ) : (
                        <Button size="xs" variant="light" onClick={() => setConfirming(b.name)}>
                          Restore…
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
                {data.backups.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={5}>No backups yet.</Table.Td>
                  </Table.Tr>
                )}
              </Table.Tbody>
            </Table>
          </>
        )}
      </Stack>
    </Card>
  );
}
