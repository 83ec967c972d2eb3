import type { ReactNode } from 'react';

interface PanelHeaderProps {
  /** The small line above the title: what kind of thing the panel shows. */
  kind: ReactNode;
  title: ReactNode;
  titleId: string;
  titleTestId?: string;
  onClose(): void;
  closeLabel?: string;
  closeTitle?: string;
}

/** The header of the panels over the map (area, facility, facility form): kind, title, close button. */
export function PanelHeader({ kind, title, titleId, titleTestId, onClose, closeLabel = 'Auswahl schließen (Esc)', closeTitle = 'Schließen (Esc)' }: PanelHeaderProps) {
  return (
    <header>
      <p className="area-panel__kind">{kind}</p>
      <h2 id={titleId} data-testid={titleTestId}>
        {title}
      </h2>
      <button type="button" className="icon-button" onClick={onClose} aria-label={closeLabel} title={closeTitle}>
        ×
      </button>
    </header>
  );
}
