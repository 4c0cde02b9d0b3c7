import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useRef } from 'react';
import { loginInput } from '../../../../shared/contract';
import type { DemoLogin, SetupStatus } from '../../../../shared/dto';
import { AuthLayout } from '../../components/AuthLayout';
import { AlertIcon } from '../../components/icons';
import { useChannelMutation } from '../../lib/api';
import { schemaIssues } from '../../lib/formErrors';
import { rememberSignIn } from '../../lib/session';
import { noteSessionEnded, useSessionEndedReason } from '../../lib/sessionEnded';
import { useValidatedForm } from '../../lib/useValidatedForm';
import { DemoLogins } from './DemoLogins';

type SignInValues = { username: string; password: string };

export function SignInScreen({ status }: { status: SetupStatus }) {
  const queryClient = useQueryClient();
  const login = useChannelMutation('auth/login');
  const submitRef = useRef<HTMLButtonElement>(null);
  const validate = useCallback((values: SignInValues) => schemaIssues(loginInput, values), []);
  const form = useValidatedForm<SignInValues>({ initial: { username: '', password: '' }, validate });
  const ended = useSessionEndedReason();

  const fillDemoLogin = (demo: DemoLogin): void => {
    form.setValues({ username: demo.username, password: demo.password });
    // Keyboard users continue straight to "Sign in".
    submitRef.current?.focus();
  };

  const submit = form.onSubmit((values) =>
    login.mutate(values, {
      onSuccess: (session) => {
        noteSessionEnded(null);
        rememberSignIn(queryClient, session);
      },
      onError: form.showServerError,
    }),
  );

  const hasDemo = status.demoLogins.length > 0;

  return (
    <AuthLayout
      clinicName={status.clinicName}
      title="Sign in"
      description="Use the username and password your clinic administrator gave you."
      aside={hasDemo ? <DemoLogins logins={status.demoLogins} onUse={fillDemoLogin} /> : undefined}
    >
      <form onSubmit={submit} noValidate aria-label="Sign in">
        <Stack gap="md">
          {ended === 'idle' || ended === 'revoked' ? (
            <Alert color="blue" variant="light" icon={<AlertIcon />} title="Signed out">
              {ended === 'idle'
                ? 'Clinic Desk locked this window because nobody used it for a while. Sign in again to continue.'
                : 'Your account was deactivated by the administrator. Ask them if you need access again.'}
            </Alert>
          ) : null}
          {form.formError ? (
            <Alert color="red" variant="light" icon={<AlertIcon />} role="alert" title="Could not sign in">
              {form.formError}
            </Alert>
          ) : null}
          <TextInput
            label="Username"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            autoFocus
            value={form.values.username}
            onChange={(event) => form.setValue('username', event.currentTarget.value)}
            error={form.errors.username}
          />
          <PasswordInput
            label="Password"
            autoComplete="current-password"
            value={form.values.password}
            onChange={(event) => form.setValue('password', event.currentTarget.value)}
            error={form.errors.password}
          />
          <Button type="submit" ref={submitRef} loading={login.isPending} fullWidth mt="xs">
            Sign in
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
