import { Box, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import type { StaffSummary } from '../../../../shared/dto';
import { ActiveBadge } from '../../components/ActiveBadge';
import { DataTable, EditRowButton } from '../../components/DataTable';
import { RoleBadge } from '../../components/RoleBadge';
import { ScreenHeader } from '../../components/ScreenHeader';
import { SetActiveAction } from '../../components/SetActiveAction';
import { useChannelQuery } from '../../lib/api';
import { useSession } from '../../lib/session';
import { ResetPasswordDialog } from './ResetPasswordDialog';
import { StaffDialog } from './StaffDialog';

const lastSignIn = (iso: string | null): string =>
  iso === null
    ? 'Never'
    : new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

export function StaffScreen() {
  const me = useSession().data;
  const staff = useChannelQuery('staff/list', {});
  const doctors = useChannelQuery('doctors/list', { includeInactive: true });
  const [editing, setEditing] = useState<StaffSummary | 'new' | null>(null);
  const [resetting, setResetting] = useState<StaffSummary | null>(null);
  const doctorName = (id: number | null): string | null =>
    id === null ? null : (doctors.data?.find((d) => d.id === id)?.fullName ?? null);

  return (
    <Stack gap="lg">
      <ScreenHeader
        title="Staff"
        description="Who can sign in to Clinic Desk, and as what. A doctor account belongs to one doctor."
        action={<Button onClick={() => setEditing('new')}>New account</Button>}
      />
      <DataTable
        query={staff}
        what="staff"
        label="Staff accounts"
        columns={['Name', 'Username', 'Role', 'Doctor', 'Last sign-in', 'Actions']}
        minWidth={900}
        loadingRows={5}
        row={(account) => (
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
                <EditRowButton name={account.fullName} onClick={() => setEditing(account)} />
                <Button
                  size="xs"
                  variant="light"
                  aria-label={`Reset password of ${account.fullName}`}
                  onClick={() => setResetting(account)}
                >
                  Reset password
                </Button>
                {account.id === me?.userId ? null : (
                  <SetActiveAction
                    channel="staff/setActive"
                    id={account.id}
                    name={account.fullName}
                    active={account.active}
                    confirmTitle="Deactivate account"
                    confirmMessage={`Deactivate ${account.fullName} (${account.username})? They are signed out at once and cannot sign in until reactivated.`}
                  />
                )}
              </Group>
            </Table.Td>
          </Table.Tr>
        )}
      />
      <StaffDialog target={editing} doctors={doctors.data ?? []} onClose={() => setEditing(null)} />
      <ResetPasswordDialog account={resetting} onClose={() => setResetting(null)} />
    </Stack>
  );
}
