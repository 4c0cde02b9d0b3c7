import { AppShell, Burger, Button, Group, Kbd, NavLink, ScrollArea, Text } from '@mantine/core';
import { useDisclosure, useHotkeys } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import type { SessionInfo } from '../../../shared/dto';
import { Brand } from '../components/Brand';
import { RoleBadge } from '../components/RoleBadge';
import { SignOutIcon } from '../components/icons';
import { ChangePasswordDialog } from '../features/account/ChangePasswordDialog';
import { useChannelMutation, useChannelQuery } from '../lib/api';
import { forgetSession } from '../lib/session';
import { noteSessionEnded } from '../lib/sessionEnded';
import { focusPatientSearch, focusScreenSearch } from '../lib/shortcuts';
import { useIdleLock } from '../lib/useIdleLock';
import { NAVIGATION, SCREENS, resolveScreen, screenHref } from './navigation';
import { ScreenView } from './ScreenView';
import { useHashRoute } from './useHashRoute';

interface AppFrameProps {
  session: SessionInfo;
  clinicName: string;
}

export function AppFrame({ session, clinicName }: AppFrameProps) {
  const queryClient = useQueryClient();
  const [navOpen, nav] = useDisclosure(false);
  const hash = useHashRoute();
  const screen = resolveScreen(hash, session.role);
  const logout = useChannelMutation('auth/logout');
  const [passwordOpen, passwordDialog] = useDisclosure(false);
  const publicSettings = useChannelQuery('settings/public', {});

  const signOut = (reason: 'signed-out' | 'idle' = 'signed-out'): void => {
    noteSessionEnded(reason);
    logout.mutate(
      { reason },
      {
        // Even if the server already ended the session, this window must not keep showing data.
        onSettled: () => forgetSession(queryClient),
      },
    );
  };

  // Not while typing in a field (Mantine ignores inputs by default): "/" is a character there.
  useHotkeys([
    ['/', focusScreenSearch],
    ['mod+K', focusPatientSearch],
  ]);

  // Same minutes as main's own check, so the screen locks when the session does.
  useIdleLock(publicSettings.data?.idleLockMinutes, () => signOut('idle'));

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 232, breakpoint: 'sm', collapsed: { mobile: !navOpen } }}
      padding="lg"
    >
      <AppShell.Header px="md">
        <Group h="100%" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={navOpen}
              onClick={nav.toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label="Toggle menu"
            />
            <Brand subtitle={publicSettings.data?.clinicName ?? clinicName} />
          </Group>
          <Group gap="md" wrap="nowrap">
            <Group gap="xs" wrap="nowrap" visibleFrom="sm" aria-label="Signed in as">
              <Text size="sm" fw={600}>
                {session.fullName}
              </Text>
              <RoleBadge role={session.role} />
            </Group>
            <Button
              variant="default"
              size="sm"
              onClick={focusPatientSearch}
              aria-keyshortcuts="Control+K /"
              rightSection={
                <Text span size="xs" c="dimmed" aria-hidden="true">
                  <Kbd size="xs">Ctrl</Kbd> <Kbd size="xs">K</Kbd>
                </Text>
              }
              visibleFrom="sm"
            >
              Find patient
            </Button>
            <Button variant="subtle" size="sm" onClick={passwordDialog.open}>
              Change password
            </Button>
            <Button
              variant="default"
              size="sm"
              leftSection={<SignOutIcon size={16} />}
              onClick={() => signOut()}
              loading={logout.isPending}
            >
              Sign out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm" component="nav" aria-label="Main menu">
        <AppShell.Section grow component={ScrollArea}>
          {NAVIGATION[session.role].map((id) => (
            <NavLink
              key={id}
              href={screenHref(id)}
              label={SCREENS[id].label}
              active={id === screen}
              aria-current={id === screen ? 'page' : undefined}
              onClick={nav.close}
              variant="light"
              styles={{ root: { borderRadius: 'var(--mantine-radius-md)' } }}
            />
          ))}
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main bg="gray.0">
        <ScreenView screen={screen} />
      </AppShell.Main>
      <ChangePasswordDialog opened={passwordOpen} onClose={passwordDialog.close} />
    </AppShell>
  );
}
