import { Button, Paper, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import type { DemoLogin } from '../../../../shared/dto';
import { ROLE_LABELS } from '../../../../shared/roles';

interface DemoLoginsProps {
  logins: readonly DemoLogin[];
  onUse: (login: DemoLogin) => void;
}

/** Only rendered in demo mode (the server sends an empty list otherwise). */
export function DemoLogins({ logins, onUse }: DemoLoginsProps) {
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="demo-logins-title">
      <Title order={2} size="h5" id="demo-logins-title">
        Demo logins
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        This clinic runs in demo mode with made-up data. Pick an account to fill in the form.
      </Text>
      <Table.ScrollContainer minWidth={440}>
        <Table verticalSpacing={6} aria-labelledby="demo-logins-title">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Person</Table.Th>
              <Table.Th>Username</Table.Th>
              <Table.Th>Password</Table.Th>
              <Table.Th>
                <VisuallyHidden>Action</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {logins.map((login) => (
              <Table.Tr key={login.username}>
                <Table.Td>
                  <Text size="sm" fw={500} lh={1.3}>
                    {login.fullName}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {ROLE_LABELS[login.role]}
                  </Text>
                </Table.Td>
                <Table.Td ff="monospace" fz="sm">
                  {login.username}
                </Table.Td>
                <Table.Td ff="monospace" fz="sm">
                  {login.password}
                </Table.Td>
                <Table.Td>
                  <Button
                    size="compact-sm"
                    variant="light"
                    aria-label={`Use ${login.username}`}
                    onClick={() => onUse(login)}
                  >
                    Use
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
