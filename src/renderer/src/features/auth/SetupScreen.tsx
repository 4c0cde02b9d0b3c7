import { Alert, Button, Divider, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { JoinHostForm } from '../network/JoinHostForm';
import { useQueryClient } from '@tanstack/react-query';
import { AuthLayout } from '../../components/AuthLayout';
import { AlertIcon } from '../../components/icons';
import { useChannelMutation } from '../../lib/api';
import { rememberSignIn } from '../../lib/session';
import { useValidatedForm } from '../../lib/useValidatedForm';
import { emptySetupForm, validateSetup, type SetupValues, setupRequest } from './setupForm';
import { NewPasswordFields } from '../../components/NewPasswordFields';

export function SetupScreen({ clinicName }: { clinicName: string }) {
  const queryClient = useQueryClient();
  const setup = useChannelMutation('auth/setup');
  const form = useValidatedForm<SetupValues>({ initial: emptySetupForm, validate: validateSetup });
  const [joining, setJoining] = useState(false);

  const submit = form.onSubmit((values) =>
    setup.mutate(setupRequest(values), {
      onSuccess: (session) => rememberSignIn(queryClient, session),
      onError: form.showServerError,
    }),
  );

  return (
    <AuthLayout
      clinicName={clinicName}
      title="Welcome to Clinic Desk"
      description="Create the administrator account. You will use it to add staff, doctors and departments."
    >
      {joining ? (
        <Stack gap="md">
          <JoinHostForm />
          <Button variant="subtle" onClick={() => setJoining(false)}>
            Back: this PC keeps the clinic&apos;s data
          </Button>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate aria-label="Create administrator">
          <Stack gap="md">
            {form.formError ? (
              <Alert
                color="red"
                variant="light"
                icon={<AlertIcon />}
                role="alert"
                title="Could not finish setup"
              >
                {form.formError}
              </Alert>
            ) : null}
            <TextInput
              label="Full name"
              autoComplete="name"
              autoFocus
              value={form.values.fullName}
              onChange={(event) => form.setValue('fullName', event.currentTarget.value)}
              error={form.errors.fullName}
            />
            <TextInput
              label="Username"
              description="Letters, digits, dots, dashes and underscores."
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              value={form.values.username}
              onChange={(event) => form.setValue('username', event.currentTarget.value)}
              error={form.errors.username}
            />
            <NewPasswordFields
              label="Password"
              confirmLabel="Confirm password"
              description="At least 10 characters."
              password={form.field('password')}
              confirm={form.field('confirmPassword')}
            />
            <Button type="submit" loading={setup.isPending} fullWidth mt="xs">
              Create administrator and sign in
            </Button>
            <Divider label="or" />
            <Button variant="default" fullWidth onClick={() => setJoining(true)}>
              Connect to this clinic&apos;s host
            </Button>
          </Stack>
        </form>
      )}
    </AuthLayout>
  );
}
