import { Button, Group, Stack, Table } from '@mantine/core';
import { useState } from 'react';
import type { DepartmentSummary } from '../../../../shared/channels/departments';
import { ActiveBadge } from '../../components/ActiveBadge';
import { DataTable, EditRowButton } from '../../components/DataTable';
import { ScreenHeader } from '../../components/ScreenHeader';
import { SetActiveAction } from '../../components/SetActiveAction';
import { useChannelQuery } from '../../lib/api';
import { DepartmentDialog } from './DepartmentDialog';

export function DepartmentsScreen() {
  const departments = useChannelQuery('departments/list', { includeRetired: true });
  const [editing, setEditing] = useState<DepartmentSummary | 'new' | null>(null);
  return (
    <Stack gap="lg">
      <ScreenHeader
        title="Departments"
        description="The clinic's departments. A retired department keeps its doctors but gets no new ones."
        action={<Button onClick={() => setEditing('new')}>New department</Button>}
      />
      <DataTable
        query={departments}
        what="departments"
        label="Departments"
        columns={['Name', 'Description', 'Active doctors', 'Status', 'Actions']}
        minWidth={720}
        loadingRows={4}
        empty="No departments yet. Create the first one to start adding doctors."
        row={(department) => (
          <Table.Tr key={department.id}>
            <Table.Td fw={500}>{department.name}</Table.Td>
            <Table.Td c="dimmed">{department.description}</Table.Td>
            <Table.Td>{department.doctorCount}</Table.Td>
            <Table.Td>
              <ActiveBadge active={department.active} inactiveLabel="Retired" />
            </Table.Td>
            <Table.Td>
              <Group gap="xs" wrap="nowrap">
                <EditRowButton name={department.name} onClick={() => setEditing(department)} />
                <SetActiveAction
                  channel="departments/setActive"
                  id={department.id}
                  name={department.name}
                  active={department.active}
                  deactivateLabel="Retire"
                  reactivateLabel="Reinstate"
                  confirmTitle="Retire department"
                  confirmMessage={`Retire ${department.name}? Its ${department.doctorCount} active doctor(s) stay, but no new doctors can join it. You can reinstate it later.`}
                />
              </Group>
            </Table.Td>
          </Table.Tr>
        )}
      />
      <DepartmentDialog target={editing} onClose={() => setEditing(null)} />
    </Stack>
  );
}
