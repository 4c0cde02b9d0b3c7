import { Alert, Button, Code, Stack, Text, TextInput } from '@mantine/core';
import { networkJoinInput, networkProbeInput } from '../../../../shared/channels/network';
import { FormAlert } from '../../components/FormAlert';
import { useChannelMutation } from '../../lib/api';
import { schemaIssues } from '../../lib/formErrors';
import { useValidatedForm } from '../../lib/useValidatedForm';

const pairingFields = networkJoinInput.pick({ code: true, deviceName: true });

/**
 * First run on another PC: "Connect to this clinic's host". Step one reads the host's certificate
 * fingerprint for the person to compare with Settings › Network on the host; only then is the
 * one-time code sent, over a link pinned to that certificate. Clinic Desk then restarts as the
 * host's client. Both steps check their fields with the contract's own rules before asking main.
 */
export function JoinHostForm() {
  const probe = useChannelMutation('network/probe');
  const join = useChannelMutation('network/join');
  const hostForm = useValidatedForm({
    initial: { address: '' },
    validate: (values) => schemaIssues(networkProbeInput, values),
  });
  const pairForm = useValidatedForm({
    initial: { code: '', deviceName: '' },
    validate: (values) => schemaIssues(pairingFields, values),
  });
  const host = probe.data;
  // Compared with what was typed, not with the host's answer: "192.168.1.20" comes back with the
  // default port added. Editing the address afterwards goes back to "Find the host".
  const found = host !== undefined && probe.variables?.address === hostForm.values.address;

  if (join.isSuccess) {
    return (
      <Alert color="teal" role="status">
        Paired. Clinic Desk is restarting as this clinic&apos;s PC; sign in as yourself.
      </Alert>
    );
  }
  return (
    <Stack gap="md" component="section" aria-label="Connect to this clinic's host">
      <form
        noValidate
        aria-label="Find the host"
        onSubmit={hostForm.onSubmit((values) => {
          join.reset();
          probe.mutate(values, { onError: hostForm.showServerError });
        })}
      >
        <Stack gap="md">
          <FormAlert title="Not connected" message={hostForm.formError} />
          <TextInput
            label="Host PC address"
            description="Shown in Settings › Network on the host, e.g. 192.168.1.20:7443."
            {...hostForm.field('address')}
          />
          {!found && (
            <Button type="submit" loading={probe.isPending}>
              Find the host
            </Button>
          )}
        </Stack>
      </form>
      {found && (
        <form
          noValidate
          aria-label="Pair with the host"
          onSubmit={pairForm.onSubmit((values) =>
            join.mutate(
              { address: host.address, fingerprint: host.fingerprint, ...values },
              { onError: pairForm.showServerError },
            ),
          )}
        >
          <Stack gap="md">
            <Text size="sm">
              The host&apos;s fingerprint is <Code>{host.fingerprint}</Code>. Continue only if it is the same
              as in Settings › Network on the host.
            </Text>
            <FormAlert title="Not connected" message={pairForm.formError} />
            <TextInput label="Pairing code" autoComplete="off" {...pairForm.field('code')} />
            <TextInput
              label="Name of this PC"
              description="e.g. Consulting room 2"
              {...pairForm.field('deviceName')}
            />
            <Button type="submit" loading={join.isPending}>
              The fingerprints match: connect
            </Button>
          </Stack>
        </form>
      )}
    </Stack>
  );
}
