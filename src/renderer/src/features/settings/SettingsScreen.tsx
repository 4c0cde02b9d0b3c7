import {
  Button,
  Group,
  Loader,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { AdminSettings } from '../../../../shared/channels/settings';
import { FormAlert } from '../../components/FormAlert';
import { LoadError } from '../../components/LoadError';
import { ScreenHeader } from '../../components/ScreenHeader';
import { useChannelMutation, useChannelQuery } from '../../lib/api';
import { useValidatedForm } from '../../lib/useValidatedForm';
import { BackupsPanel } from '../backups/BackupsPanel';
import { MailSettingsPanel } from '../mail/MailSettingsPanel';
import { NetworkPanel } from '../network/NetworkPanel';
import { DataFolderPanel } from '../thisPc/DataFolderPanel';
import {
  settingsRequest,
  settingsValues,
  timeZoneChoices,
  validateSettings,
  type SettingsValues,
} from './settingsForm';

export function SettingsScreen() {
  const settings = useChannelQuery('settings/get', {});
  // Remounting the form after a save shows the values exactly as stored (trimmed, canonical zone).
  const [version, setVersion] = useState(0);

  return (
    <Stack gap="lg">
      <ScreenHeader
        title="Settings"
        description="The clinic's details, its time zone, and when idle windows lock."
      />
      {settings.isError ? (
        <LoadError what="settings" error={settings.error} onRetry={() => void settings.refetch()} />
      ) : !settings.data ? (
        <Loader aria-label="Loading settings" />
      ) : (
        <ClinicSettingsForm key={version} settings={settings.data} onSaved={() => setVersion(version + 1)} />
      )}
      <MailSettingsPanel />
      <BackupsPanel />
      <NetworkPanel />
      <DataFolderPanel />
    </Stack>
  );
}

function ClinicSettingsForm({ settings, onSaved }: { settings: AdminSettings; onSaved: () => void }) {
  const queryClient = useQueryClient();
  const update = useChannelMutation('settings/update');
  const form = useValidatedForm<SettingsValues>({
    initial: settingsValues(settings),
    validate: validateSettings,
  });
  const zones = useMemo(() => timeZoneChoices(settings.timeZone), [settings.timeZone]);

  const submit = form.onSubmit((values) =>
    update.mutate(settingsRequest(values), {
      onSuccess: (saved) => {
        queryClient.setQueryData(['settings/get', {}], saved);
        notifications.show({ color: 'teal', message: 'Settings saved.' });
        onSaved();
      },
      onError: form.showServerError,
    }),
  );

  return (
    <Paper withBorder p="lg">
      <form onSubmit={submit} noValidate aria-label="Clinic settings">
        <Stack gap="md">
          <Title order={2} size="h4">
            Clinic
          </Title>
          <FormAlert title="Settings not saved" message={form.formError} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label="Clinic name"
              value={form.values.clinicName}
              onChange={(event) => form.setValue('clinicName', event.currentTarget.value)}
              error={form.errors.clinicName}
            />
            <TextInput
              label="Phone"
              type="tel"
              value={form.values.clinicPhone}
              onChange={(event) => form.setValue('clinicPhone', event.currentTarget.value)}
              error={form.errors.clinicPhone}
            />
          </SimpleGrid>
          <TextInput
            label="Address"
            value={form.values.clinicAddress}
            onChange={(event) => form.setValue('clinicAddress', event.currentTarget.value)}
            error={form.errors.clinicAddress}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label="Time zone"
              description="Every “today”, “this month” and appointment time is computed in this zone."
              searchable
              data={zones}
              limit={50}
              nothingFoundMessage="No such time zone"
              value={form.values.timeZone || null}
              onChange={(value) => form.setValue('timeZone', value ?? '')}
              error={form.errors.timeZone}
            />
            <TextInput
              label="Lock idle windows after (minutes)"
              description="1 to 240. The window returns to sign-in after this long without use."
              inputMode="numeric"
              value={form.values.idleLockMinutes}
              onChange={(event) => form.setValue('idleLockMinutes', event.currentTarget.value)}
              error={form.errors.idleLockMinutes}
            />
          </SimpleGrid>
          {form.values.timeZone !== settings.timeZone && form.values.timeZone ? (
            <Text size="sm" c="orange.8">
              Changing the time zone keeps every appointment at the same moment in time; the times shown move
              to the new zone.
            </Text>
          ) : null}
          <Group justify="flex-end">
            <Button type="submit" loading={update.isPending}>
              Save settings
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
