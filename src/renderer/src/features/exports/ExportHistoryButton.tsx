import { Button, Text } from '@mantine/core';
import { useState } from 'react';
import { errorMessage, useChannelMutation } from '../../lib/api';

/** "Export full history" for one patient; the export runs in the background (see Exports). */
export function ExportHistoryButton({
  patientId,
  onStarted,
}: {
  patientId: number;
  onStarted?: (exportId: number) => void;
}) {
  const start = useChannelMutation('exports/startHistory');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <div>
      <Button
        variant="light"
        loading={start.isPending}
        onClick={() => {
          setMessage(null);
          start.mutate(
            { patientId },
            {
              onSuccess: ({ exportId }) => {
                setMessage({
                  ok: true,
                  text: `Export #${exportId} started. It appears under Exports when done.`,
                });
                onStarted?.(exportId);
              },
              onError: (error) => setMessage({ ok: false, text: errorMessage(error) }),
            },
          );
        }}
      >
        Export full history
      </Button>
      {message ? (
        <Text size="sm" c={message.ok ? 'dimmed' : 'red'} role="status" mt={4}>
          {message.text}
        </Text>
      ) : null}
    </div>
  );
}
