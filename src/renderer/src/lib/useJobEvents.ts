import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { transport } from './transport';

/** Shows a notification when a background job or export finishes (the preview's tray stand-in). */
export function useJobNotifications(): void {
  useEffect(
    () =>
      transport().onEvent((event, payload) => {
        if (event !== 'jobs/finished') return;
        const finished = payload as { ok: boolean; title: string; message: string };
        notifications.show({
          title: finished.title,
          message: finished.message,
          color: finished.ok ? 'teal' : 'red',
        });
      }),
    [],
  );
}

/** Rows written so far per running export, from `jobs/progress` events. */
export function useExportProgress(): Record<number, number> {
  const [rows, setRows] = useState<Record<number, number>>({});
  useEffect(
    () =>
      transport().onEvent((event, payload) => {
        if (event !== 'jobs/progress') return;
        const progress = payload as { exportId: number; rows: number };
        setRows((previous) => ({ ...previous, [progress.exportId]: progress.rows }));
      }),
    [],
  );
  return rows;
}
