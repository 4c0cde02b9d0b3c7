import { Alert, Code, Text } from '@mantine/core';
import type { MailDelivery } from '../../../../shared/dto/jobs';

/** Where email goes right now; with no server set up, the folder the .eml files are written to. */
export function DeliveryNote({ delivery }: { delivery: MailDelivery }) {
  if (delivery.mode === 'smtp') {
    const server = (
      <Text size="sm" c={delivery.passwordProblem ? undefined : 'dimmed'}>
        Email is sent through {delivery.server}
        {delivery.source === 'environment' ? ' (set by CLINIC_DESK_SMTP_URL)' : ''}.
      </Text>
    );
    if (!delivery.passwordProblem) return server;
    // The stored password was saved on another PC or Windows user: mail waits until it is re-entered.
    return (
      <Alert variant="light" color="orange" title="E-mail password needed" role="alert">
        {server}
        <Text size="sm">{delivery.passwordProblem} An administrator can enter it in Settings › Email.</Text>
      </Alert>
    );
  }
  return (
    <Alert variant="light" color="blue" title="No mail server is set up">
      <Text size="sm">
        Messages are written as .eml files (open them with any mail program) into{' '}
        <Code>{delivery.folder}</Code>
      </Text>
    </Alert>
  );
}
