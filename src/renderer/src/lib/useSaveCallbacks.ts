/**
 * The callbacks of a dialog's save: on success close (the mutation itself refetches what the
 * channel changes); on a refusal show it in the form.
 */
export function useSaveCallbacks(onDone: () => void, onError: (error: unknown) => void) {
  return { onSuccess: onDone, onError };
}
