import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { errorMessage, useChannelMutation } from '../lib/api';
import { ConfirmDialog } from './ConfirmDialog';

type SetActiveChannel = 'staff/setActive' | 'doctors/setActive' | 'departments/setActive';

interface Props {
  channel: SetActiveChannel;
  id: number;
  /** Who or what, as the buttons and messages name it. */
  name: string;
  active: boolean;
  /** The words for this kind of record, e.g. Retire / Reinstate a department. */
  deactivateLabel?: string;
  reactivateLabel?: string;
  /** The "are you sure?" before taking it out of use. */
  confirmTitle: string;
  confirmMessage: string;
}

/**
 * Deactivate (after a confirmation; a refusal shows in the dialog) or reactivate at once (a refusal
 * shows as a toast) one staff account, doctor or department. The one copy of this behaviour.
 */
export function SetActiveAction({
  channel,
  id,
  name,
  active,
  deactivateLabel = 'Deactivate',
  reactivateLabel = 'Reactivate',
  confirmTitle,
  confirmMessage,
}: Props) {
  const setActive = useChannelMutation(channel);
  const [confirming, setConfirming] = useState(false);

  const change = (next: boolean): void =>
    setActive.mutate(
      { id, active: next },
      {
        onSuccess: () => setConfirming(false),
        onError: (error) => {
          // Deactivating shows its refusal in the confirmation; reactivating has no dialog.
          if (next) {
            notifications.show({
              color: 'red',
              title: `Could not ${reactivateLabel.toLowerCase()} ${name}`,
              message: errorMessage(error),
            });
          }
        },
      },
    );

  if (!active) {
    return (
      <Button
        size="xs"
        variant="subtle"
        aria-label={`${reactivateLabel} ${name}`}
        loading={setActive.isPending}
        onClick={() => change(true)}
      >
        {reactivateLabel}
      </Button>
    );
  }
  return (
    <>
      <Button
        size="xs"
        variant="subtle"
        color="red"
        aria-label={`${deactivateLabel} ${name}`}
        onClick={() => {
          setActive.reset();
          setConfirming(true);
        }}
      >
        {deactivateLabel}
      </Button>
      <ConfirmDialog
        opened={confirming}
        title={confirmTitle}
        message={confirmMessage}
        confirmLabel={confirmTitle}
        danger
        pending={setActive.isPending}
        error={setActive.isError ? errorMessage(setActive.error) : undefined}
        onConfirm={() => change(false)}
        onClose={() => setConfirming(false)}
      />
    </>
  );
}
