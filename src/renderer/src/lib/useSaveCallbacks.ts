import { useQueryClient } from '@tanstack/react-query';
import { refreshData } from './refresh';

/**
 * The callbacks of a dialog's save: on success refresh what this window shows and close; on a
 * refusal show it in the form.
 */
export function useSaveCallbacks(onDone: () => void, onError: (error: unknown) => void) {
  const queryClient = useQueryClient();
  return {
    onSuccess: () => {
      void refreshData(queryClient);
      onDone();
    },
    onError,
  };
}
