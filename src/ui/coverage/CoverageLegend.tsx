import { GAP_CLASS_LABELS, SHARE_CLASS_LABELS, formatRadiusKm } from '../../domain/coverageView/summary';
import { GAP_CLASS_COLOURS, REACH_LINE, SHARE_CLASS_COLOURS, SUGGESTION_FILL } from '../../map/coverageLayers';
import { useCoverageStore, type CoverageLayerId } from '../../state/coverageStore';
import { FacilitySymbol } from '../FacilitySymbol';
import { HypotheticalSymbol, SwitchedOffSymbol } from './symbols';
import { useCoverageCategory, useCoverageRadiusKm } from './useCoverageCategory';

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

export interface SymbolLegendOptions {
  notCounted?: boolean;
  hypothetical?: boolean;
  switchedOff?: boolean;
  suggestions?: boolean;
}

/** The symbols of the coverage map; the Kreistag view lists only those on the map. */
export function ScenarioLegend({ notCounted = true, hypothetical = true, switchedOff = true, suggestions = true }: SymbolLegendOptions) {
  const category = useCoverageCategory();
  return (
    <ul className="coverage-legend-list">
      <li>
        <span className="legend-item">
          <FacilitySymbol category={category} size={20} /> {category?.label ?? 'Einrichtung'} in Betrieb (zählt)
        </span>
      </li>
      {notCounted && (
        <li>
          <span className="legend-item">
            <span className="faint">
              <FacilitySymbol category={category} size={20} />
            </span>{' '}
            geplant oder geschlossen (zählt nicht)
          </span>
        </li>
      )}
      {hypothetical && (
        <li>
          <span className="legend-item">
            <HypotheticalSymbol category={category} size={22} /> hypothetisch (nur im Szenario)
          </span>
        </li>
      )}
      {switchedOff && (
        <li>
          <span className="legend-item">
            <SwitchedOffSymbol size={18} /> im Szenario ausgeschaltet
          </span>
        </li>
      )}
      {suggestions && (
        <li>
          <span className="legend-item">
            <span className="suggestion-swatch" style={{ background: SUGGESTION_FILL }} aria-hidden="true">
              1
            </span>
            vorgeschlagener Standort
          </span>
        </li>
      )}
    </ul>
  );
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
        {toggle('anteil', 'Sozialräume: Anteil der Einwohner in Reichweite', <ShareLegend />)}
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
