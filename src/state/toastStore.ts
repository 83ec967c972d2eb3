import { create } from 'zustand';

export interface Toast {
  id: number;
  kind: 'info' | 'success' | 'error';
  message: string;
  /** One optional action, e.g. "Rückgängig". */
  action?: { label: string; run(): void };
}

interface ToastState {
  toasts: Toast[];
  /** The id the next toast gets. */
  nextId: number;
  show(toast: Omit<Toast, 'id'>, timeoutMs?: number): number;
  dismiss(id: number): void;
}

/** Short messages at the bottom of the map (saved, deleted with undo, errors). */
export const useToastStore = create<ToastState>((set, get) => ({
  toasts: [],
  nextId: 1,
  show(toast, timeoutMs = toast.kind === 'error' ? 10_000 : 6_000) {
    const id = get().nextId;
    // At most four at a time: the oldest goes.
    set((state) => ({ toasts: [...state.toasts.slice(-3), { ...toast, id }], nextId: id + 1 }));
    if (timeoutMs > 0) setTimeout(() => get().dismiss(id), timeoutMs);
    return id;
  },
  dismiss: (id) => set((state) => ({ toasts: state.toasts.filter((toast) => toast.id !== id) })),
}));

export const toast = {
  info: (message: string, action?: Toast['action']) => useToastStore.getState().show({ kind: 'info', message, action }),
  success: (message: string, action?: Toast['action']) => useToastStore.getState().show({ kind: 'success', message, action }),
  error: (message: string) => useToastStore.getState().show({ kind: 'error', message }),
};
