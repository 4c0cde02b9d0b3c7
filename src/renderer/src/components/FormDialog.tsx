import { Alert, Box, Button, Group, Modal, Stack, type MantineSize } from '@mantine/core';
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type FormEvent,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import { FormAlert } from './FormAlert';

interface DialogControl {
  setDirty: (dirty: boolean) => void;
  /** Close, or first ask when the form holds typing that would be lost. */
  requestClose: () => void;
}

const DialogContext = createContext<DialogControl | null>(null);

/**
 * Is this Escape for a popup inside the dialog (a date picker, a select's list)? Those close
 * themselves; the dialog must stay. A select's input says so with aria-expanded and a focused
 * dropdown sits in Mantine's popover; a date picker keeps the focus in its input and says nothing
 * there, so an open popover dropdown anywhere on the page counts too.
 */
function escapeBelongsToPopup(target: EventTarget): boolean {
  const inPopup =
    target instanceof Element &&
    target.closest(
      '[aria-expanded="true"], [data-mantine-stop-propagation="true"], .mantine-Popover-dropdown, [role="listbox"]',
    ) !== null;
  return (
    inPopup ||
    [...document.querySelectorAll<HTMLElement>('.mantine-Popover-dropdown')].some(
      (dropdown) => dropdown.getClientRects().length > 0,
    )
  );
}

interface FormDialogProps {
  opened: boolean;
  title: string;
  onClose: () => void;
  size?: MantineSize | number;
  centered?: boolean;
  children: ReactNode;
}

/**
 * The one dialog around every form: Escape closes only the innermost popup, and closing a form
 * with unsaved input (Escape, ×, a click outside, Cancel) asks before throwing it away.
 * The form inside reports whether it is dirty through `DialogForm` or `useDialogDirty`.
 */
export function FormDialog({ opened, title, onClose, size, centered, children }: FormDialogProps) {
  const dirty = useRef(false);
  const [confirming, setConfirming] = useState(false);

  const requestClose = useCallback(() => {
    if (dirty.current) setConfirming(true);
    else onClose();
  }, [onClose]);
  const control = useMemo<DialogControl>(
    () => ({ setDirty: (value) => (dirty.current = value), requestClose }),
    [requestClose],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.key !== 'Escape' || event.nativeEvent.isComposing || event.defaultPrevented) return;
    if (escapeBelongsToPopup(event.target)) return;
    event.stopPropagation();
    if (confirming) setConfirming(false);
    else requestClose();
  };

  return (
    <Modal
      opened={opened}
      onClose={requestClose}
      closeOnEscape={false}
      title={title}
      size={size}
      centered={centered}
      closeButtonProps={{ 'aria-label': `Close ${title}` }}
    >
      <DialogContext.Provider value={control}>
        <Box onKeyDown={onKeyDown}>
          {opened && confirming ? (
            <Alert color="yellow" variant="light" role="alertdialog" title="Discard what you typed?" mb="md">
              <Stack gap="xs">
                This form has unsaved input. Closing it throws that away.
                <Group gap="xs">
                  <Button size="xs" data-autofocus autoFocus onClick={() => setConfirming(false)}>
                    Keep editing
                  </Button>
                  <Button
                    size="xs"
                    variant="light"
                    color="red"
                    onClick={() => {
                      setConfirming(false);
                      onClose();
                    }}
                  >
                    Discard
                  </Button>
                </Group>
              </Stack>
            </Alert>
          ) : null}
          {children}
        </Box>
      </DialogContext.Provider>
    </Modal>
  );
}

/** Tells the surrounding FormDialog whether the form holds unsaved input; answers its close. */
export function useDialogDirty(dirty: boolean): () => void {
  const control = useContext(DialogContext);
  useEffect(() => {
    control?.setDirty(dirty);
    // A form that is gone holds nothing to lose.
    return () => control?.setDirty(false);
  }, [control, dirty]);
  return control?.requestClose ?? noop;
}

const noop = (): void => undefined;

interface DialogFormProps {
  /** The form's accessible name, usually the dialog's title. */
  label: string;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  dirty: boolean;
  /** A refusal that belongs to no single field. */
  error?: string | undefined;
  errorTitle?: string;
  submitLabel: string;
  submitColor?: string | undefined;
  pending: boolean;
  closeLabel?: string;
  children: ReactNode;
}

/** The form scaffolding every dialog repeats: alert, fields, then Cancel and the submit button. */
export function DialogForm(props: DialogFormProps) {
  const requestClose = useDialogDirty(props.dirty);
  return (
    <form onSubmit={props.onSubmit} noValidate aria-label={props.label}>
      <Stack gap="md">
        <FormAlert title={props.errorTitle ?? 'Not saved'} message={props.error} />
        {props.children}
        <Group justify="flex-end">
          <Button variant="default" onClick={requestClose}>
            {props.closeLabel ?? 'Cancel'}
          </Button>
          <Button type="submit" color={props.submitColor} loading={props.pending}>
            {props.submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
