import { Button, Checkbox, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { ApiError, errorMessage, useChannelMutation } from '../../lib/api';
import { useSession } from '../../lib/session';

type Message = { ok: boolean; text: string };

/**
 * A patient's history export. The front desk only requests one (a doctor or the administrator
 * approves it on Exports); doctors and the administrator export directly, to the address on file.
 */
export function ExportHistoryButton({ patientId }: { patientId: number }) {
  const role = useSession().data?.role;
  if (role === 'reception') return <RequestHistoryButton patientId={patientId} />;
  if (role === 'doctor' || role === 'admin') return <StartHistoryButton patientId={patientId} />;
  return null;
}

function RequestHistoryButton({ patientId }: { patientId: number }) {
  const request = useChannelMutation('exports/requestHistory');
  const [message, setMessage] = useState<Message | null>(null);
  return (
    <div>
      <Button
        variant="light"
        loading={request.isPending}
        onClick={() => {
          setMessage(null);
          request.mutate(
            { patientId },
            {
              onSuccess: ({ exportId }) =>
                setMessage({
                  ok: true,
                  text: `Request #${exportId} sent. A doctor or the administrator approves it on Exports before anything is sent.`,
                }),
              onError: (error) => setMessage({ ok: false, text: errorMessage(error) }),
            },
          );
        }}
      >
        Request history export
      </Button>
      <Feedback message={message} />
    </div>
  );
}

function StartHistoryButton({ patientId }: { patientId: number }) {
  const start = useChannelMutation('exports/startHistory');
  const [message, setMessage] = useState<Message | null>(null);
  // Main refuses (conflict) when the address on file changed in the last 24 hours: ask to confirm.
  const [needsConfirmation, setNeedsConfirmation] = useState(false);
  const [confirmed, setConfirmed] = useState(false);
  const run = () => {
    setMessage(null);
    start.mutate(
      { patientId, confirmRecentEmailChange: needsConfirmation && confirmed },
      {
        onSuccess: ({ exportId }) => {
          setNeedsConfirmation(false);
          setConfirmed(false);
          setMessage({ ok: true, text: `Export #${exportId} started. It appears under Exports when done.` });
        },
        onError: (error) => {
          if (error instanceof ApiError && error.code === 'conflict') setNeedsConfirmation(true);
          setMessage({ ok: false, text: errorMessage(error) });
        },
      },
    );
  };
  return (
    <Stack gap={4}>
      <Button
        variant="light"
        loading={start.isPending}
        disabled={needsConfirmation && !confirmed}
        onClick={run}
      >
        Export full history
      </Button>
      {needsConfirmation ? (
        <Checkbox
          label="I checked with the patient that the new email address is theirs"
          checked={confirmed}
          onChange={(e) => setConfirmed(e.currentTarget.checked)}
        />
      ) : null}
      <Feedback message={message} />
    </Stack>
  );
}

function Feedback({ message }: { message: Message | null }) {
  return message ? (
    <Text size="sm" c={message.ok ? 'dimmed' : 'red'} role="status" mt={4} maw={420}>
      {message.text}
    </Text>
  ) : null;
}
