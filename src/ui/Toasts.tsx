import { useToastStore } from '../state/toastStore';

/** Short messages at the bottom of the map; an action such as "Rückgängig" where it helps. */
export function Toasts() {
  const toasts = useToastStore((state) => state.toasts);
  const dismiss = useToastStore((state) => state.dismiss);
  if (toasts.length === 0) return null;
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((item) => (
        <div key={item.id} className={`toast toast--${item.kind}`} role={item.kind === 'error' ? 'alert' : 'status'} data-testid="toast" data-kind={item.kind}>
          <span className="toast__message">{item.message}</span>
          {item.action && (
            <button
              type="button"
              className="toast__action"
              data-testid="toast-action"
              onClick={() => {
                dismiss(item.id);
                item.action!.run();
              }}
            >
              {item.action.label}
            </button>
          )}
          <button type="button" className="icon-button" aria-label="Meldung schließen" onClick={() => dismiss(item.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
