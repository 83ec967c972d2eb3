import { coverageSourceLines, latestChange, type SourceLine } from '../../domain/coverageView/summary';
import { useCoverageStore } from '../../state/coverageStore';
import { useFacilityStore } from '../../state/facilityStore';
import { useTerritoryStore } from '../../state/territoryStore';
import { useCoverageCategory } from './useCoverageCategory';

/** The source lines of the current analysis (residents, facilities, reach, boundaries, places). */
export function useCoverageSourceLines(): SourceLine[] {
  const method = useCoverageStore((state) => state.surface.method);
  const analysis = useCoverageStore((state) => state.analysis);
  const categoryId = useCoverageStore((state) => state.categoryId);
  const facilities = useFacilityStore((state) => state.facilities);
  const territory = useTerritoryStore((state) => state.territory);
  const category = useCoverageCategory();
  if (!method || !analysis || !territory || !category) return [];
  return coverageSourceLines({
    method,
    territorySources: territory.sources,
    facilitiesChangedAt: latestChange(facilities, categoryId),
    reachLabel: analysis.reach.label,
  });
}

/** Sources and dates under the table, with the description of the population surface. */
export function CoverageSources() {
  const lines = useCoverageSourceLines();
  const surface = useCoverageStore((state) => state.surface);
  if (lines.length === 0 || !surface.method) return null;
  return (
    <section className="coverage-sources" aria-label="Quellen der Versorgungsanalyse" data-testid="coverage-sources">
      <p className="coverage-surface" data-testid="coverage-surface-detail" data-kind={surface.method.kind}>
        <strong>Bevölkerungsfläche: {surface.method.titel}.</strong> {surface.method.beschreibung}
      </p>
      {surface.note && <p className="form-warning">{surface.note}</p>}
      <dl className="coverage-source-list">
        {lines.map((line) => (
          <div key={line.label}>
            <dt>{line.label}</dt>
            <dd>{line.text}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/** One line near the headline: which population surface the figures rest on. */
export function SurfaceLine() {
  const surface = useCoverageStore((state) => state.surface);
  if (!surface.method) return null;
  const { method } = surface;
  return (
    <p className="coverage-surface-line" data-testid="coverage-surface" data-kind={method.kind} title={method.beschreibung}>
      <strong>Einwohner:</strong> {method.titel}, Stand {method.stand}
      {method.kind === 'ersatzflaeche' ? ' – Näherung aus den Gemeindesummen, bis ein Zensus-Gitter geladen ist (Beschreibung unten).' : '.'}
    </p>
  );
}
