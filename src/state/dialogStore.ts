import { create } from 'zustand';

export type DialogId = 'login' | 'import' | 'imports' | 'users' | 'account' | 'report' | 'print';

interface DialogState {
  open: DialogId | null;
  show(id: DialogId): void;
  close(): void;
}

/** Which modal dialog is open; one at a time (the conflict dialog follows the facility store). */
export const useDialogStore = create<DialogState>((set) => ({
  open: null,
  show: (id) => set({ open: id }),
  close: () => set({ open: null }),
}));
