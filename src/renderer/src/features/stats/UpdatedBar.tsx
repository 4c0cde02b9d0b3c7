import { Button, Group, Text } from '@mantine/core';
import { RefreshIcon } from '../../components/icons';
import { updatedAgo } from './statsFormat';

interface UpdatedBarProps {
  computedAt: string | undefined;
  /** Main's clock now (see useServerNow): the age is measured on one clock. */
  serverNow: number | undefined;
  refreshing: boolean;
  onRefresh: () => void;
}

/** "updated N s ago" and the button that makes main count again. */
export function UpdatedBar({ computedAt, serverNow, refreshing, onRefresh }: UpdatedBarProps) {
  return (
    <Group gap="sm" wrap="nowrap">
      {computedAt && serverNow !== undefined && (
        <Text size="sm" c="dimmed" aria-live="off">
          {updatedAgo(computedAt, serverNow)}
        </Text>
      )}
      <Button
        variant="default"
        size="sm"
        leftSection={<RefreshIcon size={16} />}
        loading={refreshing}
        onClick={onRefresh}
      >
        Refresh
      </Button>
    </Group>
  );
}
