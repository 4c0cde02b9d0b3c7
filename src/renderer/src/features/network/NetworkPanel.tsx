import {
  Alert,
  Button,
  Card,
  Code,
  Group,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { DEFAULT_NETWORK_PORT, type NetworkDevice } from '../../../../shared/channels/network';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { LoadError } from '../../components/LoadError';
import { errorMessage, useChannelMutation, useChannelQuery } from '../../lib/api';
import { channelQueryKey } from '../../lib/dataChanged';

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : 'never');

/**
 * Settings › Network (admin, on the host): let the clinic's other PCs connect, on which port, the
 * certificate fingerprint to compare when pairing, one-time pairing codes, and the paired PCs.
 */
export function NetworkPanel() {
  const status = useChannelQuery('network/status', {});
  const devices = useChannelQuery('network/devices', {});
  const configure = useChannelMutation('network/configure');
  const createCode = useChannelMutation('network/createPairingCode');
  const queryClient = useQueryClient();
  const [port, setPort] = useState<string | null>(null);
  const data = status.data;
  const shownPort = port ?? String(data?.port ?? DEFAULT_NETWORK_PORT);

  const apply = (enabled: boolean) =>
    configure.mutate(
      { enabled, port: Number(shownPort) },
      {
        // The answer is the new status: show it at once (the field would otherwise show the old
        // port until network/status, which reads the settings this write changes, is read again).
        onSuccess: (next) => {
          queryClient.setQueryData(channelQueryKey('network/status', {}), next);
          setPort(null);
        },
      },
    );

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="network-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="network-title">
          Network
        </Title>
        {status.error && <Alert color="red">{errorMessage(status.error)}</Alert>}
        {configure.error && <Alert color="red">{errorMessage(configure.error)}</Alert>}
        {data && (
          <>
            <Switch
              label="Let other PCs in this clinic connect"
              description="This PC keeps the clinic's data; the others work on it over the clinic's network, encrypted."
              checked={data.hosting}
              disabled={configure.isPending}
              onChange={(event) => apply(event.currentTarget.checked)}
            />
            <Group align="flex-end">
              <TextInput
                label="Port"
                inputMode="numeric"
                w={120}
                value={shownPort}
                onChange={(event) => setPort(event.currentTarget.value)}
              />
              <Button variant="default" disabled={port === null} onClick={() => apply(data.hosting)}>
                Save port
              </Button>
            </Group>
            {data.problem && <Alert color="orange">{data.problem}</Alert>}
            {data.hosting && data.listening && (
              <Text size="sm">
                Other PCs connect to:{' '}
                {data.addresses.length ? data.addresses.join(', ') : 'this PC has no network address'}. The
                firewall may ask whether Clinic Desk may accept connections: allow it on the clinic's network.
              </Text>
            )}
            <Text size="sm">
              Certificate fingerprint (compare it on the other PC):{' '}
              <Code>{data.fingerprint ?? 'made when you first turn this on'}</Code>
            </Text>
            <Group>
              <Button
                disabled={!data.listening}
                loading={createCode.isPending}
                onClick={() => createCode.mutate({})}
              >
                Pair a PC
              </Button>
              {createCode.data && (
                <Text role="status">
                  Code <Code fz="lg">{createCode.data.code}</Code> — works once, until{' '}
                  {new Date(createCode.data.expiresAt).toLocaleTimeString()}.
                </Text>
              )}
            </Group>
            {createCode.error && <Alert color="red">{errorMessage(createCode.error)}</Alert>}
          </>
        )}
        {devices.error && (
          <LoadError what="the paired PCs" error={devices.error} onRetry={() => void devices.refetch()} />
        )}
        {devices.data?.length === 0 && (
          <Text size="sm" c="dimmed">
            No PC is paired with this one yet.
          </Text>
        )}
        {devices.data && devices.data.length > 0 && (
          <Table aria-label="Paired PCs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>PC</Table.Th>
                <Table.Th>Paired</Table.Th>
                <Table.Th>Last seen</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {devices.data.map((device) => (
                <Table.Tr key={device.id}>
                  <Table.Td>{device.name}</Table.Td>
                  <Table.Td>{when(device.pairedAt)}</Table.Td>
                  <Table.Td>{when(device.lastSeenAt)}</Table.Td>
                  <Table.Td>
                    {device.revokedAt ? (
                      <Text size="sm" c="dimmed">
                        Revoked
                      </Text>
                    ) : (
                      <RevokeDevice device={device} />
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Card>
  );
}

/**
 * Revoke, after a confirmation: the PC's next call is refused and only a new pairing brings it
 * back. The host's refusal is shown in the dialog, which then stays open; on success the list
 * refetches by itself (network/devices reads what the write changes).
 */
function RevokeDevice({ device }: { device: NetworkDevice }) {
  const revoke = useChannelMutation('network/revokeDevice');
  const [confirming, setConfirming] = useState(false);
  return (
    <>
      <Button
        size="xs"
        color="red"
        variant="light"
        onClick={() => {
          revoke.reset();
          setConfirming(true);
        }}
      >
        Revoke {device.name}
      </Button>
      <ConfirmDialog
        opened={confirming}
        title={`Revoke ${device.name}`}
        message={`${device.name} can no longer connect to this clinic: its next call is refused. To use it again, pair it anew with a new code.`}
        confirmLabel="Revoke"
        danger
        pending={revoke.isPending}
        error={revoke.isError ? errorMessage(revoke.error) : undefined}
        onConfirm={() =>
          revoke.mutate(
            { id: device.id },
            {
              onSuccess: () => setConfirming(false),
            },
          )
        }
        onClose={() => setConfirming(false)}
      />
    </>
  );
}
