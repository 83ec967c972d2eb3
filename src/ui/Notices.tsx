import { useAtlasStore } from '../state/atlasStore';
import { useTerritoryStore } from '../state/territoryStore';

/** Problems with input (a broken link, a missing data file), each in plain German. */
export function Notices() {
  const notices = useAtlasStore((state) => state.notices);
  const dismiss = useAtlasStore((state) => state.dismissNotice);
  const loadError = useTerritoryStore((state) => state.error);
  if (notices.length === 0 && !loadError) return null;
  return (
    <div className="notices" role="alert" data-testid="notices">
      {loadError && <p className="notice notice--error">{loadError}</p>}
      {notices.map((notice, index) => (
        <p className="notice" key={`${index}-${notice}`}>
          {notice}
          <button type="button" className="icon-button" onClick={() => dismiss(index)} aria-label="Hinweis schließen">
            ×
          </button>
        </p>
      ))}
    </div>
  );
}
