import { Alert, Button, Stack, Text } from '@mantine/core';
import { errorMessage } from '../lib/api';
import { AlertIcon } from './icons';

/** A list that could not be loaded: the reason as a sentence, and a way to ask again. */
export function LoadError({ what, error, onRetry }: { what: string; error: unknown; onRetry: () => void }) {
  return (
    <Alert color="red" variant="light" icon={<AlertIcon />} title={`Could not load ${what}`} role="alert">
      <Stack gap="sm" align="flex-start">
        <Text size="sm">{errorMessage(error)}</Text>
        <Button variant="light" color="red" size="xs" onClick={onRetry}>
          Try again
        </Button>
      </Stack>
    </Alert>
  );
}
