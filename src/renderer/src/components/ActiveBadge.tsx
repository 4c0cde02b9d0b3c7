import { Badge } from '@mantine/core';

export function ActiveBadge({
  active,
  inactiveLabel = 'Inactive',
}: {
  active: boolean;
  inactiveLabel?: string;
}) {
  return (
    <Badge variant="light" color={active ? 'teal' : 'gray'} radius="sm" miw="max-content">
      {active ? 'Active' : inactiveLabel}
    </Badge>
  );
}
