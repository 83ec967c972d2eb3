import { coverageSourceLines, type SourceLine } from '../../domain/coverageView/summary';
import { useCoverageStore } from '../../state/coverageStore';
import { useTerritoryStore } from '../../state/territoryStore';

/**
 * The source lines of the current analysis (base, residents, facilities with their „Stand“,
 * reach, boundaries, places). The facilities' Stand is that of the real data, never of a scenario.
 */
export function useCoverageSourceLines(): SourceLine[] {
  const method = useCoverageStore((state) => state.surface.method);
  const analysis = useCoverageStore((state) => state.analysis);
  const real = useCoverageStore((state) => state.real);
  const territory = useTerritoryStore((state) => state.territory);
  if (!method || !analysis || !real || !territory) return [];
  return coverageSourceLines({ method, territorySources: territory.sources, analysis: real, reachLabel: analysis.reach.label });
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

const SURFACE_NOTES: Record<string, string> = {
  'zensus2011-verteilung': ' – Summen je Gemeinde genau, Verteilung eine Näherung: Zahlen auf Hunderte gerundet (Beschreibung unten).',
  ersatzflaeche: ' – grobe Näherung aus den Gemeindesummen: Zahlen auf Hunderte gerundet (Beschreibung unten).',
};

/** One line near the headline: which population surface the figures rest on, with its dates. */
export function SurfaceLine() {
  const surface = useCoverageStore((state) => state.surface);
  if (!surface.method) return null;
  const { method } = surface;
  const note = SURFACE_NOTES[method.kind] ?? (method.genauigkeit === 'exakt' ? '.' : ' – Zahlen auf Hunderte gerundet.');
  return (
    <p className="coverage-surface-line" data-testid="coverage-surface" data-kind={method.kind} title={method.beschreibung}>
      <strong>Einwohner:</strong> {method.titel}, Stand {method.stand}
      {note}
    </p>
  );
}
