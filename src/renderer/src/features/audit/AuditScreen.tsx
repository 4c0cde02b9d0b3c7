import { Button, Center, Group, NativeSelect, Paper, Stack, Table, Text } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useState } from 'react';
import { auditListInput } from '../../../../shared/channels/audit';
import { LoadError } from '../../components/LoadError';
import { ScreenHeader } from '../../components/ScreenHeader';
import { useChannelQuery } from '../../lib/api';
import { usePagedList } from '../../lib/usePagedList';
import { PageFooter } from '../../components/PageFooter';
import { schemaIssues } from '../../lib/formErrors';
import { describeAuditRange, formatInstant, humanize } from './auditFormat';
import { LoadingRows } from '../../components/DataTable';

const PAGE_SIZE = 50;

export function AuditScreen() {
  const [userId, setUserId] = useState('');
  const [entity, setEntity] = useState('');
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const staff = useChannelQuery('staff/list', {});
  const settings = useChannelQuery('settings/public', {});
  const filters = {
    userId: userId === '' ? null : Number(userId),
    entity: entity === '' ? null : entity,
    from,
    to,
  };
  const rangeError = schemaIssues(auditListInput, filters).find((i) => i.path === 'to')?.message;
  const list = usePagedList('audit/list', filters, { pageSize: PAGE_SIZE, enabled: !rangeError });
  const audit = list.query;
  const data = audit.data;
  const timeZone = settings.data?.timeZone ?? 'UTC';

  const filter =
    <T,>(set: (value: T) => void) =>
    (value: T): void => {
      set(value);
      list.firstPage();
    };

  return (
    <Stack gap="lg">
      <ScreenHeader
        title="Audit log"
        description={`Who changed what and when, newest first. Times and dates are the clinic's (${timeZone}). Entries can never be edited or removed.`}
      />
      <Paper withBorder p="md">
        <Group align="flex-start" gap="lg">
          <NativeSelect
            label="Person"
            w={220}
            data={[
              { value: '', label: 'Everyone' },
              ...(staff.data ?? []).map((s) => ({
                value: String(s.id),
                label: `${s.fullName} (${s.username})`,
              })),
            ]}
            value={userId}
            onChange={(event) => filter(setUserId)(event.currentTarget.value)}
          />
          <NativeSelect
            label="Entity"
            w={200}
            data={[
              { value: '', label: 'Everything' },
              ...(data?.entities ?? []).map((name) => ({ value: name, label: humanize(name) })),
            ]}
            value={entity}
            onChange={(event) => filter(setEntity)(event.currentTarget.value)}
          />
          <DatePickerInput
            label="From"
            placeholder="Any date"
            valueFormat="YYYY-MM-DD"
            clearable
            w={170}
            value={from}
            onChange={filter(setFrom)}
          />
          <DatePickerInput
            label="To"
            placeholder="Any date"
            valueFormat="YYYY-MM-DD"
            clearable
            w={170}
            value={to}
            onChange={filter(setTo)}
            error={rangeError}
          />
          {userId || entity || from || to ? (
            <Button
              variant="subtle"
              mt={25}
              onClick={() => {
                setUserId('');
                setEntity('');
                setFrom(null);
                setTo(null);
                list.firstPage();
              }}
            >
              Clear filters
            </Button>
          ) : null}
        </Group>
      </Paper>
      {audit.isError ? (
        <LoadError what="the audit log" error={audit.error} onRetry={() => void audit.refetch()} />
      ) : null}
      <Paper withBorder>
        {!data ? (
          <LoadingRows what="the audit log" rows={8} height={24} />
        ) : data.items.length === 0 ? (
          <Center py={48}>
            <Text c="dimmed">No entries match these filters.</Text>
          </Center>
        ) : (
          <Table.ScrollContainer minWidth={900}>
            <Table striped verticalSpacing="xs" aria-label="Audit log">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>When</Table.Th>
                  <Table.Th>Person</Table.Th>
                  <Table.Th>Action</Table.Th>
                  <Table.Th>Entity</Table.Th>
                  <Table.Th>What changed</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items.map((entry) => (
                  <Table.Tr key={entry.id}>
                    <Table.Td style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
                      {formatInstant(entry.at, timeZone)}
                    </Table.Td>
                    <Table.Td>{entry.username}</Table.Td>
                    <Table.Td>{humanize(entry.action)}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {humanize(entry.entity)}
                      {entry.entityId ? ` #${entry.entityId}` : ''}
                    </Table.Td>
                    <Table.Td>{entry.summary}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {data && data.total > 0 ? (
          <PageFooter
            summary={describeAuditRange(data.offset, data.items.length, data.total)}
            label="Audit log pages"
            page={list.page}
            lastPage={list.lastPage}
            onChange={list.setPage}
          />
        ) : null}
      </Paper>
    </Stack>
  );
}
