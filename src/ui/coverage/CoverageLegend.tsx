import { GAP_CLASS_LABELS, SHARE_CLASS_LABELS, formatRadiusKm } from '../../domain/coverageView/summary';
import { GAP_CLASS_COLOURS, REACH_LINE, SHARE_CLASS_COLOURS } from '../../map/coverageLayers';
import { selectScenario, useCoverageStore, type CoverageLayerId } from '../../state/coverageStore';
import { useFacilityStore } from '../../state/facilityStore';
import { useTerritoryStore } from '../../state/territoryStore';
import { FacilitySymbol } from '../FacilitySymbol';
import { contextEntries, symbolEntries, type LegendEntry } from './presentationContent';
import { HypotheticalSymbol, SwitchedOffSymbol } from './symbols';
import { useCoverageCategory, useCoverageRadiusKm } from './useCoverageCategory';

/** Legend entries as a list, drawn like the map and the PNG draw them (presentationContent.ts). */
export function LegendEntries({ entries, testId }: { entries: readonly LegendEntry[]; testId?: string }) {
  return (
    <ul className="coverage-legend-list" data-testid={testId}>
      {entries.map((entry) => (
        <li key={`${entry.kind}-${entry.label}`} data-kind={entry.kind}>
          <span className="legend-item">
            <EntrySymbol entry={entry} />
            <span className="legend-label">{entry.label}</span>
          </span>
        </li>
      ))}
    </ul>
  );
}

function EntrySymbol({ entry }: { entry: LegendEntry }) {
  switch (entry.kind) {
    case 'fill':
      return <span className="swatch" style={{ background: entry.colour }} aria-hidden="true" />;
    case 'square':
      return <span className="swatch swatch--square" style={{ background: entry.colour }} aria-hidden="true" />;
    case 'line':
      return <span className="line-swatch" style={{ borderTop: `2px dashed ${entry.colour}` }} aria-hidden="true" />;
    case 'facility':
      return <FacilitySymbol category={entry.category} variant={entry.variant} faded={entry.faded} size={22} />;
    case 'hypothetical':
      return <HypotheticalSymbol category={entry.category} size={22} />;
    case 'switched-off':
      return <SwitchedOffSymbol size={18} />;
    case 'suggestion':
      return (
        <span className="suggestion-swatch" style={{ background: entry.colour }} aria-hidden="true">
          1
        </span>
      );
  }
}

/** Legend items of the coverage map, shared by the tab and the Kreistag view. */
export function ShareLegend() {
  return (
    <ul className="coverage-legend-list">
      {SHARE_CLASS_LABELS.map((label, index) => (
        <li key={label}>
          <span className="legend-item">
            <span className="swatch" style={{ background: SHARE_CLASS_COLOURS[index] }} aria-hidden="true" />
            {label}
          </span>
        </li>
      ))}
    </ul>
  );
}

export function GapLegend() {
  return (
    <ul className="coverage-legend-list">
      {GAP_CLASS_LABELS.map((label, index) => (
        <li key={label}>
          <span className="legend-item">
            <span className="swatch swatch--square" style={{ background: GAP_CLASS_COLOURS[index] }} aria-hidden="true" />
            {label} Einwohner je km²
          </span>
        </li>
      ))}
      <li>
        <span className="legend-item">
          <span className="place-dot" aria-hidden="true" />
          <span className="place-name">Ort</span> ohne Einrichtung in Reichweite (GeoNames)
        </span>
      </li>
    </ul>
  );
}

/** The symbols on the coverage map now: counted, each kind that does not count, the scenario's marks. */
export function ScenarioLegend() {
  const category = useCoverageCategory();
  const analysis = useCoverageStore((state) => state.analysis);
  const scenario = useCoverageStore(selectScenario);
  const facilities = useFacilityStore((state) => state.facilities);
  if (!category || !analysis) return null;
  return <LegendEntries entries={symbolEntries(category, analysis, facilities, scenario)} testId="coverage-symbol-legend" />;
}

/** The areas outside the planning area, drawn grey as context. */
export function ContextLegend() {
  const territory = useTerritoryStore((state) => state.territory);
  if (!territory) return null;
  const entries = contextEntries(territory);
  return entries.length > 0 ? <LegendEntries entries={entries} testId="coverage-context-legend" /> : null;
}

/** Layer switches with their legends, below the table. */
export function CoverageLegend() {
  const layers = useCoverageStore((state) => state.layers);
  const radiusKm = useCoverageRadiusKm();
  const toggleLayer = useCoverageStore((state) => state.toggleLayer);
  const toggle = (id: CoverageLayerId, label: string, legend: React.ReactNode) => (
    <li key={id}>
      <label className="layer-toggle">
        <input type="checkbox" checked={layers[id]} onChange={() => toggleLayer(id)} data-testid={`coverage-layer-${id}`} />
        {label}
      </label>
      {layers[id] && <div className="legend">{legend}</div>}
    </li>
  );
  return (
    <section className="coverage-box coverage-legend" aria-labelledby="coverage-legend-title" data-testid="coverage-legend">
      <h3 id="coverage-legend-title">Karte der Versorgung</h3>
      <ul className="layer-list">
        {toggle(
          'anteil',
          'Sozialräume: Anteil der Einwohner in Reichweite',
          <>
            <ShareLegend />
            <ContextLegend />
          </>,
        )}
        {toggle('luecken', 'Versorgungslücken: Einwohner ohne Einrichtung in Reichweite', <GapLegend />)}
        {toggle(
          'reichweite',
          `Umkreis ${formatRadiusKm(radiusKm)} um jede Einrichtung`,
          <span className="legend-item">
            <span className="line-swatch" style={{ borderTop: `2px dashed ${REACH_LINE}` }} aria-hidden="true" />
            Luftlinie; nur zur Orientierung, gezählt wird je 100-m-Zelle
          </span>,
        )}
        <li>
          <ScenarioLegend />
        </li>
      </ul>
    </section>
  );
}
