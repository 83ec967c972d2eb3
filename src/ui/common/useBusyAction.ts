import { useState } from 'react';
import { errorMessage } from '../../state/api';
import { toast } from '../../state/toastStore';

/**
 * A button's asynchronous action: `busy` while it runs (to disable the buttons), a failure as a
 * German error toast, and `after` once it has settled either way.
 */
export function useBusyAction(after?: () => void): { busy: boolean; act(work: () => Promise<void>): Promise<void> } {
  const [busy, setBusy] = useState(false);
  const act = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } catch (error) {
      toast.error(errorMessage(error));
    } finally {
      setBusy(false);
      after?.();
    }
  };
  return { busy, act };
}
