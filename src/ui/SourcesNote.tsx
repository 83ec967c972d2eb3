import { useTerritoryStore } from '../state/territoryStore';

/** Every figure names its source and date: the list of sources of the loaded district. */
export function SourcesNote() {
  const territory = useTerritoryStore((state) => state.territory);
  if (!territory) return null;
  return (
    <details className="sources" data-testid="sources">
      <summary>Quellen und Lizenzen</summary>
      <ul>
        {territory.sources.map((source) => (
          <li key={source.id}>
            {source.label}, Stand {source.stand}. {source.attribution}
          </li>
        ))}
        <li>
          Ableitung: {territory.derivation.boundaries}; Gemeinden zu Sozialräumen zusammengefasst und gemeinsam vereinfacht in{' '}
          {territory.derivation.simplification.crs}. Flächen vor der Vereinfachung berechnet.
        </li>
      </ul>
    </details>
  );
}
