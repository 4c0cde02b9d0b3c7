import { Button, Group, Text } from '@mantine/core';
import { RefreshIcon } from '../../components/icons';
import { updatedAgo } from './statsFormat';
import { useNow } from './useStats';

interface UpdatedBarProps {
  computedAt: string | undefined;
  refreshing: boolean;
  onRefresh: () => void;
}

/** "updated N s ago" and the button that makes main count again. */
export function UpdatedBar({ computedAt, refreshing, onRefresh }: UpdatedBarProps) {
  const now = useNow();
  return (
    <Group gap="sm" wrap="nowrap">
      {computedAt && (
        <Text size="sm" c="dimmed" aria-live="off">
          {updatedAgo(computedAt, now)}
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
