import type { MantineSize } from '@mantine/core';
import { Fragment, type ReactNode } from 'react';
import { FormDialog } from './FormDialog';

interface EditDialogProps<T extends { id: number }> {
  /** null: closed; 'new': create; an item: edit it. */
  target: T | 'new' | null;
  titles: { new: string; edit: string };
  onClose: () => void;
  size?: MantineSize | number;
  /** The form for this target; `onDone` closes the dialog. */
  children: (target: T | 'new', onDone: () => void) => ReactNode;
}

/**
 * The create-or-edit dialog of a list screen: open while there is a target, titled for it, and
 * the form starts afresh for each target (keyed by its id), so no typing leaks between rows.
 */
export function EditDialog<T extends { id: number }>({
  target,
  titles,
  onClose,
  size,
  children,
}: EditDialogProps<T>) {
  return (
    <FormDialog
      opened={target !== null}
      onClose={onClose}
      title={target === 'new' ? titles.new : titles.edit}
      size={size}
      centered
    >
      {target === null ? null : (
        <Fragment key={target === 'new' ? 'new' : target.id}>{children(target, onClose)}</Fragment>
      )}
    </FormDialog>
  );
}
