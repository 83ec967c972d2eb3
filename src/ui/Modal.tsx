import { useEffect, useRef, type ReactNode } from 'react';

interface ModalProps {
  title: string;
  onClose(): void;
  children: ReactNode;
  footer?: ReactNode;
  wide?: boolean;
  testId?: string;
  /** false: Esc and the close button do nothing (a decision is required). */
  dismissable?: boolean;
}

/**
 * A modal dialog on the native <dialog> element: focus stays inside, Esc closes, the page
 * behind is inert. Content is React text only.
 */
export function Modal({ title, onClose, children, footer, wide = false, testId, dismissable = true }: ModalProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  }, [onClose]);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (!element.open) element.showModal();
    const onCancel = (event: Event) => {
      event.preventDefault();
      if (dismissable) close.current();
    };
    element.addEventListener('cancel', onCancel);
    return () => {
      element.removeEventListener('cancel', onCancel);
      if (element.open) element.close();
    };
  }, [dismissable]);

  return (
    <dialog ref={dialog} className={`modal${wide ? ' modal--wide' : ''}`} aria-labelledby={`${testId ?? 'modal'}-title`} data-testid={testId}>
      <header className="modal__header">
        <h2 id={`${testId ?? 'modal'}-title`}>{title}</h2>
        {dismissable && (
          <button type="button" className="icon-button" onClick={() => close.current()} aria-label="Schließen" title="Schließen (Esc)">
            ×
          </button>
        )}
      </header>
      <div className="modal__body">{children}</div>
      {footer && <footer className="modal__footer">{footer}</footer>}
    </dialog>
  );
}
