import { Alert, Button, Center, Loader, Stack, Text } from '@mantine/core';
import { AlertIcon } from './icons';

export function FullPageLoader({ label }: { label: string }) {
  return (
    <Center mih="100vh">
      <Stack align="center" gap="sm" role="status" aria-live="polite">
        <Loader />
        <Text c="dimmed" size="sm">
          {label}
        </Text>
      </Stack>
    </Center>
  );
}

export function FullPageError({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <Center mih="100vh" p="md">
      <Alert color="red" variant="light" title="Clinic Desk cannot start" icon={<AlertIcon />} maw={480}>
        <Stack gap="sm" align="flex-start">
          <Text size="sm">{message}</Text>
          <Button variant="light" color="red" onClick={onRetry}>
            Try again
          </Button>
        </Stack>
      </Alert>
    </Center>
  );
}
