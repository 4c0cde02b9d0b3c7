import { Paper, Text } from '@mantine/core';
import { useId, type ReactNode } from 'react';

interface StatCardProps {
  label: string;
  value: ReactNode;
  detail?: ReactNode;
  color?: string;
}

/** One figure with its label; a named group, so screen readers and tests find it by label. */
export function StatCard({ label, value, detail, color }: StatCardProps) {
  const id = useId();
  return (
    <Paper withBorder p="md" role="group" aria-labelledby={id}>
      <Text id={id} size="sm" c="dimmed" fw={500}>
        {label}
      </Text>
      <Text fz={28} fw={700} lh={1.3} c={color} data-testid="stat-value">
        {value}
      </Text>
      {detail !== undefined && (
        <Text size="sm" c="dimmed">
          {detail}
        </Text>
      )}
    </Paper>
  );
}
