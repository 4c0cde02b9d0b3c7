import {
  describeSize,
  type DataFolderChange,
  type DataFolderSource,
  type DataFolderStatus,
} from '../../../../shared/channels/thisPc';

const SOURCES: Record<DataFolderSource, string> = {
  environment: 'Set by the CLINIC_DESK_DATA_DIR environment variable on this PC.',
  chosen: 'Chosen on this PC.',
  default: "Clinic Desk's own folder on this PC (the default).",
};

/** What the panel says about the folder in use, and whether its buttons are there and usable. */
export function dataFolderView(status: DataFolderStatus): {
  source: string | null;
  size: string | null;
  /** A client PC has no folder of its own to move or open: no buttons at all. */
  showActions: boolean;
  canChange: boolean;
} {
  return {
    source: status.source ? SOURCES[status.source] : null,
    size: status.databaseBytes === null ? null : `The database is ${describeSize(status.databaseBytes)}.`,
    showActions: status.folder !== null,
    canChange: status.locked === null,
  };
}

/** What the person reads once a move or an open is under way; null when the picker was cancelled. */
export function changeMessage(change: DataFolderChange, purpose: 'move' | 'open'): string | null {
  if (change.outcome === 'cancelled') return null;
  const what =
    purpose === 'move'
      ? `The data was copied to ${change.folder} and checked.`
      : `Clinic Desk will use the clinic database in ${change.folder}.`;
  return `${what} Clinic Desk is restarting there; sign in again in a moment. The old folder, ${change.previousFolder}, is left as it was: remove it yourself once you have checked the clinic's data in its new place.`;
}

export const CONFIRM: Record<'move' | 'open', { title: string; message: string; label: string }> = {
  move: {
    title: 'Move the data to another folder',
    message:
      'Choose an empty folder, e.g. on another disk. Clinic Desk copies the database and its backups, exports and network certificate there, checks the copy, and restarts using it. Nothing is deleted: the current folder stays as it is. Do it when no one else is working, as anything saved during the copy makes it start again.',
    label: 'Choose the folder…',
  },
  open: {
    title: 'Open another existing folder',
    message:
      'Choose a folder that already holds a Clinic Desk database (clinic.db), e.g. one moved here from another disk. It is checked like a backup before it is used; then Clinic Desk restarts on it. The current folder stays as it is, but this PC no longer uses it.',
    label: 'Choose the folder…',
  },
};
