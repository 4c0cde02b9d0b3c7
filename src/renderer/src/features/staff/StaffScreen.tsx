import { Box, Button, Group, Paper, Skeleton, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { StaffSummary } from '../../../../shared/dto';
import { ActiveBadge } from '../../components/ActiveBadge';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { LoadError } from '../../components/LoadError';
import { RoleBadge } from '../../components/RoleBadge';
import { ScreenHeader } from '../../components/ScreenHeader';
import { errorMessage, useChannelMutation, useChannelQuery } from '../../lib/api';
import { refreshData } from '../../lib/refresh';
import { useSession } from '../../lib/session';
import { ResetPasswordDialog } from './ResetPasswordDialog';
import { StaffDialog } from './StaffDialog';

const lastSignIn = (iso: string | null): string =>
  iso === null
    ? 'Never'
    : new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

export function StaffScreen() {
  const queryClient = useQueryClient();
  const me = useSession().data;
  const staff = useChannelQuery('staff/list', {});
  const doctors = useChannelQuery('doctors/list', { includeInactive: true });
  const [editing, setEditing] = useState<StaffSummary | 'new' | null>(null);
  const [resetting, setResetting] = useState<StaffSummary | null>(null);
  const [deactivating, setDeactivating] = useState<StaffSummary | null>(null);
  const setActive = useChannelMutation('staff/setActive');
  const doctorName = (id: number | null): string | null =>
    id === null ? null : (doctors.data?.find((d) => d.id === id)?.fullName ?? null);

  const changeActive = (account: StaffSummary, active: boolean): void =>
    setActive.mutate(
      { id: account.id, active },
      {
        onSuccess: () => {
          void refreshData(queryClient);
          setDeactivating(null);
        },
        onError: (error) => {
          if (active) notifications.show({ color: 'red', message: errorMessage(error) });
        },
      },
    );

  return (
    <Stack gap="lg">
      <ScreenHeader
        title="Staff"
        description="Who can sign in to Clinic Desk, and as what. A doctor account belongs to one doctor."
        action={<Button onClick={() => setEditing('new')}>New account</Button>}
      />
      {staff.isError ? (
        <LoadError what="staff" error={staff.error} onRetry={() => void staff.refetch()} />
      ) : null}
      <Paper withBorder>
        {!staff.data ? (
          <Stack p="md" gap="sm" aria-busy="true" aria-label="Loading staff">
            {Array.from({ length: 5 }, (_, i) => (
              <Skeleton key={i} height={28} />
            ))}
          </Stack>
        ) : (
          <Table.ScrollContainer minWidth={900}>
            <Table striped highlightOnHover verticalSpacing="sm" aria-label="Staff accounts">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Username</Table.Th>
                  <Table.Th>Role</Table.Th>
                  <Table.Th>Doctor</Table.Th>
                  <Table.Th>Last sign-in</Table.Th>
                  <Table.Th>Actions</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {staff.data.map((account) => (
                  <Table.Tr key={account.id}>
                    <Table.Td fw={500}>
                      {account.fullName}
                      {account.id === me?.userId ? (
                        <Text span size="xs" c="dimmed">
                          {' '}
                          (you)
                        </Text>
                      ) : null}
                      {account.active ? null : (
                        <div>
                          <ActiveBadge active={false} />
                        </div>
                      )}
                    </Table.Td>
                    <Table.Td>{account.username}</Table.Td>
                    <Table.Td>
                      {/* Wide tables squeeze cells; a role must never be cut to "ADMI…". */}
                      <Box miw="max-content">
                        <RoleBadge role={account.role} />
                      </Box>
                    </Table.Td>
                    <Table.Td>{doctorName(account.doctorId) ?? ''}</Table.Td>
                    <Table.Td c="dimmed">{lastSignIn(account.lastLoginAt)}</Table.Td>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <Button
                          size="xs"
                          variant="default"
                          aria-label={`Edit ${account.fullName}`}
                          onClick={() => setEditing(account)}
                        >
                          Edit
                        </Button>
                        <Button
                          size="xs"
                          variant="light"
                          aria-label={`Reset password of ${account.fullName}`}
                          onClick={() => setResetting(account)}
                        >
                          Reset password
                        </Button>
                        {account.id === me?.userId ? null : account.active ? (
                          <Button
                            size="xs"
                            variant="subtle"
                            color="red"
                            aria-label={`Deactivate ${account.fullName}`}
                            onClick={() => {
                              setActive.reset();
                              setDeactivating(account);
                            }}
                          >
                            Deactivate
                          </Button>
                        ) : (
                          <Button
                            size="xs"
                            variant="subtle"
                            aria-label={`Reactivate ${account.fullName}`}
                            onClick={() => changeActive(account, true)}
                          >
                            Reactivate
                          </Button>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      <StaffDialog target={editing} doctors={doctors.data ?? []} onClose={() => setEditing(null)} />
      <ResetPasswordDialog account={resetting} onClose={() => setResetting(null)} />
      <ConfirmDialog
        opened={deactivating !== null}
        title="Deactivate account"
        message={
          deactivating
            ? `Deactivate ${deactivating.fullName} (${deactivating.username})? They are signed out at once and cannot sign in until reactivated.`
            : ''
        }
        confirmLabel="Deactivate account"
        danger
        pending={setActive.isPending}
        error={setActive.isError ? errorMessage(setActive.error) : undefined}
        onConfirm={() => deactivating && changeActive(deactivating, false)}
        onClose={() => setDeactivating(null)}
      />
    </Stack>
  );
}
