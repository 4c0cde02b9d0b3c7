import {
  Alert,
  Button,
  Group,
  NumberInput,
  Paper,
  PasswordInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { MailSettingsView } from '../../../../shared/dto/jobs';
import { AlertIcon } from '../../components/icons';
import { errorMessage, useChannelMutation, useChannelQuery } from '../../lib/api';
import { useValidatedForm } from '../../lib/useValidatedForm';
import { DeliveryNote } from './DeliveryNote';
import { formValues, mailSettingsRequest, validateMailSettings } from './mailSettingsForm';

const SECURITY_OPTIONS = [
  { value: 'starttls', label: 'STARTTLS (port 587)' },
  { value: 'tls', label: 'TLS (port 465)' },
  { value: 'none', label: 'None (only for a server on this computer)' },
];

/** SMTP server, sender, password and job times, with "Send test email". For the Settings screen. */
export function MailSettingsPanel() {
  const settings = useChannelQuery('mail/getSettings', {});
  if (settings.isError) {
    return (
      <Alert color="red" icon={<AlertIcon />} title="Could not load the mail settings" role="alert">
        {errorMessage(settings.error)}
      </Alert>
    );
  }
  if (!settings.data) return <Text c="dimmed">Loading mail settings…</Text>;
  return <MailSettingsForm view={settings.data} />;
}

function MailSettingsForm({ view }: { view: MailSettingsView }) {
  const queryClient = useQueryClient();
  const save = useChannelMutation('mail/saveSettings');
  const sendTest = useChannelMutation('mail/sendTest');
  const form = useValidatedForm({ initial: formValues(view), validate: validateMailSettings });
  const [saved, setSaved] = useState(false);
  const [testTo, setTestTo] = useState('');
  const [testResult, setTestResult] = useState<{ ok: boolean; text: string } | null>(null);

  const submit = form.onSubmit((values) => {
    setSaved(false);
    save.mutate(mailSettingsRequest(values), {
      onSuccess: (next) => {
        queryClient.setQueryData(['mail/getSettings', {}], next);
        form.setValues({ password: '' });
        setSaved(true);
      },
      onError: form.showServerError,
    });
  });

  const test = () => {
    setTestResult(null);
    sendTest.mutate(
      { to: testTo.trim() },
      {
        onSuccess: (item) =>
          setTestResult(
            item.status === 'sent'
              ? { ok: true, text: 'The test email was sent.' }
              : {
                  ok: false,
                  text: `Not sent yet (${item.status}): ${item.lastError ?? 'waiting to be retried.'}`,
                },
          ),
        onError: (error) => setTestResult({ ok: false, text: errorMessage(error) }),
      },
    );
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="mail-settings-title">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Title order={2} size="h4" id="mail-settings-title">
            Email and job times
          </Title>
          <DeliveryNote delivery={view.delivery} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label="SMTP server"
              description="Leave empty to write messages into the outbox folder instead."
              {...form.field('host')}
            />
            <NumberInput label="Port" {...form.valueField('port')} min={1} max={65535} allowDecimal={false} />
            <Select
              label="Security"
              data={SECURITY_OPTIONS}
              {...form.valueField('security')}
              allowDeselect={false}
            />
            <TextInput label="Sender address" {...form.field('fromAddress')} />
            <TextInput label="User name" autoComplete="off" {...form.field('username')} />
            <PasswordInput
              label="Password"
              autoComplete="new-password"
              description={
                view.canStorePassword
                  ? view.passwordProblem
                    ? 'Type the password again and save: the stored one cannot be read on this PC.'
                    : view.passwordSet
                      ? 'A password is stored (encrypted). Type a new one to replace it.'
                      : 'Stored encrypted by the operating system.'
                  : view.passwordStoreNote
              }
              {...form.field('password')}
            />
            <TextInput label="Reminders each day at" placeholder="08:00" {...form.field('reminderTime')} />
            <Group grow align="flex-start">
              <NumberInput
                label="Monthly reports on day"
                {...form.valueField('reportDay')}
                min={1}
                max={28}
                allowDecimal={false}
              />
              <TextInput label="at" placeholder="09:00" {...form.field('reportTime')} />
            </Group>
          </SimpleGrid>
          {form.formError ? (
            <Alert color="red" icon={<AlertIcon />} role="alert">
              {form.formError}
            </Alert>
          ) : null}
          {saved ? (
            <Text c="teal" size="sm" role="status">
              Saved.
            </Text>
          ) : null}
          <Group>
            <Button type="submit" loading={save.isPending}>
              Save email settings
            </Button>
          </Group>
          <Group align="flex-end">
            <TextInput
              label="Send a test email to"
              type="email"
              value={testTo}
              onChange={(e) => setTestTo(e.currentTarget.value)}
            />
            <Button
              variant="default"
              onClick={test}
              loading={sendTest.isPending}
              disabled={testTo.trim() === ''}
            >
              Send test email
            </Button>
          </Group>
          {testResult ? (
            <Text size="sm" c={testResult.ok ? 'teal' : 'red'} role="status">
              {testResult.text}
            </Text>
          ) : null}
        </Stack>
      </form>
    </Paper>
  );
}
