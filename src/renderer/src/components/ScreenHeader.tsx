import { Group, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** Title, one line of what the screen is for, and its main action on the right. */
export function ScreenHeader({
  title,
  description,
  action,
}: {
  title: string;
  description: string;
  action?: ReactNode;
}) {
  return (
    <Group justify="space-between" align="flex-end">
      <div>
        <Title order={1} size="h2">
          {title}
        </Title>
        <Text c="dimmed" size="sm">
          {description}
        </Text>
      </div>
      {action}
    </Group>
  );
}
