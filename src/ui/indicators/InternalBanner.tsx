import { INTERNAL_VIEW_NOTE } from '../../domain/indicators/schema';

/** The mark of the internal view: whoever looks at the screen sees that these figures are unprotected. */
export function InternalBanner() {
  return (
    <p className="internal-banner" role="note" data-testid="internal-banner">
      <strong>intern</strong> {INTERNAL_VIEW_NOTE}
    </p>
  );
}

