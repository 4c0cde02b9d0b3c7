import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { FormAlert } from './FormAlert';

interface Props {
  opened: boolean;
  title: string;
  message: string;
  confirmLabel: string;
  danger?: boolean;
  pending: boolean;
  /** The server's refusal, shown in the dialog so the person sees why nothing happened. */
  error: string | undefined;
  onConfirm: () => void;
  onClose: () => void;
}

/** "Are you sure?" for actions that take access or data out of use (deactivate, retire). */
export function ConfirmDialog(props: Props) {
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.title} centered>
      <Stack gap="md">
        <Text size="sm">{props.message}</Text>
        <FormAlert title="Not done" message={props.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose} data-autofocus>
            Cancel
          </Button>
          <Button color={props.danger ? 'red' : undefined} loading={props.pending} onClick={props.onConfirm}>
            {props.confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
