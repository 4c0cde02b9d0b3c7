import { Alert, Button, Card, Code, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { errorMessage, useChannelMutation, useChannelQuery } from '../../lib/api';
import { changeMessage, CONFIRM, dataFolderView } from './dataFolderText';

/**
 * Settings › This PC › Data folder (admin): the folder this PC keeps the clinic's data in and why,
 * and — in the desktop app — moving the data to another folder or opening another existing one,
 * each through the native folder picker with the core's checks before anything changes.
 */
export function DataFolderPanel() {
  const status = useChannelQuery('thisPc/dataFolder', {});
  const move = useChannelMutation('thisPc/moveDataFolder');
  const open = useChannelMutation('thisPc/openDataFolder');
  const [confirming, setConfirming] = useState<'move' | 'open' | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const data = status.data;
  const view = data ? dataFolderView(data) : null;
  const running = confirming === 'open' ? open : move;

  const start = () => {
    if (!confirming) return;
    const purpose = confirming;
    (purpose === 'move' ? move : open).mutate(
      {},
      {
        onSuccess: (change) => {
          setConfirming(null);
          setDone(changeMessage(change, purpose));
        },
      },
    );
  };

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="this-pc-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="this-pc-title">
          This PC
        </Title>
        <Title order={3} size="h5">
          Data folder
        </Title>
        {status.error && <Alert color="red">{errorMessage(status.error)}</Alert>}
        {done && (
          <Alert color="teal" role="status">
            {done}
          </Alert>
        )}
        {data && view && (
          <>
            {data.folder && (
              <Text size="sm">
                The clinic&apos;s data is in <Code>{data.folder}</Code>. {view.source} {view.size}
              </Text>
            )}
            {data.locked && (
              <Alert color={data.source === 'environment' ? 'orange' : 'gray'}>{data.locked}</Alert>
            )}
            {view.showActions && (
              <Group>
                <Button
                  variant="default"
                  disabled={!view.canChange || done !== null}
                  onClick={() => setConfirming('move')}
                >
                  Move the data to another folder…
                </Button>
                <Button
                  variant="default"
                  disabled={!view.canChange || done !== null}
                  onClick={() => setConfirming('open')}
                >
                  Open another existing folder…
                </Button>
              </Group>
            )}
          </>
        )}
      </Stack>
      <ConfirmDialog
        opened={confirming !== null}
        title={CONFIRM[confirming ?? 'move'].title}
        message={CONFIRM[confirming ?? 'move'].message}
        confirmLabel={CONFIRM[confirming ?? 'move'].label}
        pending={running.isPending}
        error={running.error ? errorMessage(running.error) : undefined}
        onConfirm={start}
        onClose={() => {
          setConfirming(null);
          move.reset();
          open.reset();
        }}
      />
    </Card>
  );
}
