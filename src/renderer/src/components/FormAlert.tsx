import { Alert } from '@mantine/core';
import { AlertIcon } from './icons';

/** The sentence for a failed submit that belongs to no single field. */
export function FormAlert({ title, message }: { title: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <Alert color="red" variant="light" icon={<AlertIcon />} role="alert" title={title}>
      {message}
    </Alert>
  );
}
