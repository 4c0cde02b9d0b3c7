import { Group, Text } from '@mantine/core';
import { BrandMark } from './icons';

export function Brand({ subtitle }: { subtitle?: string | undefined }) {
  return (
    <Group gap="sm" wrap="nowrap">
      <BrandMark />
      <div>
        <Text fw={700} size="lg" lh={1.1}>
          Clinic Desk
        </Text>
        {subtitle ? (
          <Text size="xs" c="dimmed" lh={1.2}>
            {subtitle}
          </Text>
        ) : null}
      </div>
    </Group>
  );
}
