import { Alert, Button, Code, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { errorMessage, useChannelMutation } from '../../lib/api';

/**
 * First run on another PC: "Connect to this clinic's host". Step one reads the host's certificate
 * fingerprint for the person to compare with Settings › Network on the host; only then is the
 * one-time code sent, over a link pinned to that certificate. Clinic Desk then restarts as the
 * host's client.
 */
export function JoinHostForm() {
  const probe = useChannelMutation('network/probe');
  const join = useChannelMutation('network/join');
  const [address, setAddress] = useState('');
  const [code, setCode] = useState('');
  const [deviceName, setDeviceName] = useState('');
  const host = probe.data;

  if (join.isSuccess) {
    return (
      <Alert color="teal">Paired. Clinic Desk is restarting as this clinic's PC; sign in as yourself.</Alert>
    );
  }
  return (
    <Stack gap="md" component="section" aria-label="Connect to this clinic's host">
      {probe.error && <Alert color="red">{errorMessage(probe.error)}</Alert>}
      {join.error && <Alert color="red">{errorMessage(join.error)}</Alert>}
      <TextInput
        label="Host PC address"
        description="Shown in Settings › Network on the host, e.g. 192.168.1.20:7443."
        value={address}
        onChange={(event) => setAddress(event.currentTarget.value)}
      />
      {!host || host.address !== address.trim() ? (
        <Button onClick={() => probe.mutate({ address })} loading={probe.isPending}>
          Find the host
        </Button>
      ) : (
        <>
          <Text size="sm">
            The host&apos;s fingerprint is <Code>{host.fingerprint}</Code>. Continue only if it is the same as
            in Settings › Network on the host.
          </Text>
          <TextInput
            label="Pairing code"
            value={code}
            onChange={(event) => setCode(event.currentTarget.value)}
          />
          <TextInput
            label="Name of this PC"
            description="e.g. Consulting room 2"
            value={deviceName}
            onChange={(event) => setDeviceName(event.currentTarget.value)}
          />
          <Button
            loading={join.isPending}
            onClick={() =>
              join.mutate({ address: host.address, code, fingerprint: host.fingerprint, deviceName })
            }
          >
            The fingerprints match: connect
          </Button>
        </>
      )}
    </Stack>
  );
}
