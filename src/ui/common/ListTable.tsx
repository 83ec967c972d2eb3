import { useEffect, useState } from 'react';
import { errorMessage } from '../../state/api';
import { toast } from '../../state/toastStore';

// What the small lists of the dialogs share (users, failed sign-ins, sessions): a head whose
// last column holds a button per row, loading when shown, and actions that end in a toast.

/** The head of a list table: the columns and a last, unlabelled column for the row's button. */
export function ListHead({ columns }: { columns: readonly string[] }) {
  return (
    <thead>
      <tr>
        {columns.map((column) => (
          <th scope="col" key={column}>
            {column}
          </th>
        ))}
        <th scope="col">
          <span className="visually-hidden">Aktion</span>
        </th>
      </tr>
    </thead>
  );
}

/** Runs `load` when the component is shown; its German error message, if it failed. */
export function useLoadWhenShown(load: () => Promise<void>): string | null {
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    load().catch((caught) => setError(errorMessage(caught)));
  }, [load]);
  return error;
}

/** Runs an action and tells the user how it went. */
export async function withToast(action: () => Promise<unknown>, success: string): Promise<void> {
  try {
    await action();
    toast.success(success);
  } catch (caught) {
    toast.error(errorMessage(caught));
  }
}
