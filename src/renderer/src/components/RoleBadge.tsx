import { Badge } from '@mantine/core';
import { ROLE_LABELS, type Role } from '../../../shared/roles';

const ROLE_COLORS: Record<Role, string> = { admin: 'grape', reception: 'teal', doctor: 'blue' };

export function RoleBadge({ role }: { role: Role }) {
  return (
    <Badge variant="light" color={ROLE_COLORS[role]} radius="sm">
      {ROLE_LABELS[role]}
    </Badge>
  );
}
