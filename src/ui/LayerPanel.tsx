import type { LayerGroupId } from '../domain/atlasView';
import { formatInteger } from '../domain/format';
import { SYMBOL_LEGEND, type SymbolVariant } from '../domain/resources/symbols';
import { GEMEINDE_POPULATION_CLASSES } from '../domain/territory/populationClasses';
import { BASEMAPS, isBasemapId } from '../map/basemaps';
import {
  KREIS_LINE,
  OUTSIDE_FILL,
  POPULATION_CLASS_COLOURS,
  SOZIALRAUM_PASTELS,
  UNINCORPORATED_FILL,
  regionColour,
  tint,
} from '../map/palette';
import { useAtlasStore } from '../state/atlasStore';
import { useFacilityStore } from '../state/facilityStore';
import { useTerritoryStore } from '../state/territoryStore';
import { FacilitySymbol } from './FacilitySymbol';

/** Layer switches and, beside each, the legend of what that layer shows. */
/** The symbol in no category's colour, for what the legend says about every category. */
const NEUTRAL_SYMBOL = { shape: 'circle', colour: '#5f6b7a' } as const;
/** The symbol says the status (as on the Kreistag map and in its PNG). */
const STATUS_LEGEND: { variant: Partial<SymbolVariant>; label: string }[] = [
  { variant: { status: 'in Betrieb' }, label: SYMBOL_LEGEND['in Betrieb'] },
  { variant: { status: 'geplant' }, label: SYMBOL_LEGEND.geplant },
  { variant: { status: 'geschlossen' }, label: SYMBOL_LEGEND.geschlossen },
  { variant: { unconfirmed: true }, label: SYMBOL_LEGEND.unconfirmed },
];

export function LayerPanel() {
  const territory = useTerritoryStore((state) => state.territory);
  const summary = useTerritoryStore((state) => state.summary);
  const { layers, toggleLayer, basemap, setBasemap, clickLevel, setClickLevel } = useAtlasStore();
  const categories = useFacilityStore((state) => state.categories);
  const facilities = useFacilityStore((state) => state.facilities);
  const facilityStatus = useFacilityStore((state) => state.status);
  if (!territory || !summary) return null;
  const countOf = (category: string) => facilities.filter((f) => !f.geloescht && f.category === category).length;
  const regionLevel = territory.district.regionLevel;
  const threshold = territory.district.validityThreshold.einwohner;

  const toggle = (group: LayerGroupId, label: string, legend: React.ReactNode) => (
    <li key={group}>
      <label className="layer-toggle">
        <input type="checkbox" checked={layers[group]} onChange={() => toggleLayer(group)} data-testid={`layer-toggle-${group}`} />
        {label}
      </label>
      {layers[group] && <div className="legend">{legend}</div>}
    </li>
  );

  return (
    <section className="layer-panel" aria-labelledby="layer-panel-title">
      <h2 id="layer-panel-title">Ebenen und Legende</h2>
      <ul className="layer-list">
        {toggle('kreis', 'Kreisgrenze', <LegendLine colour={KREIS_LINE} width={3} label={territory.district.name} />)}
        {regionLevel &&
          toggle(
            'sozialregionen',
            regionLevel.plural,
            <ul>
              {summary.sozialregionen.map((region, index) => (
                <li key={region.id}>
                  <LegendLine colour={regionColour(index)} width={4} label={region.name} />
                </li>
              ))}
            </ul>,
          )}
        {toggle(
          'sozialraeume',
          `Sozialräume (${summary.sozialraeume.length})`,
          <ul>
            <li>
              <LegendSwatch
                colour={regionLevel ? tint(regionColour(0), 0.3) : SOZIALRAUM_PASTELS[0]!}
                label={regionLevel ? `Fläche in der Farbe der ${regionLevel.singular}` : 'Sozialraum (Farben nur zur Unterscheidung)'}
              />
            </li>
            {summary.ausserhalb.map((area) => (
              <li key={area.id}>
                <LegendSwatch colour={area.art === 'gemeindefreies Gebiet' ? UNINCORPORATED_FILL : OUTSIDE_FILL} label={`${area.name}: ${area.art}`} />
              </li>
            ))}
          </ul>,
        )}
        {toggle('gemeinden', 'Gemeindegrenzen', <LegendLine colour="#6b7280" width={1} dashed label="Gemeinde" />)}
        {toggle(
          'einwohnerklassen',
          'Einwohner der Gemeinden',
          <ul>
            {GEMEINDE_POPULATION_CLASSES.map((populationClass, index) => (
              <li key={populationClass.id}>
                <LegendSwatch colour={POPULATION_CLASS_COLOURS[index]!} label={`${populationClass.label} Einwohner`} />
              </li>
            ))}
            <li className="muted">Zensus 2022, Stichtag 15.05.2022</li>
          </ul>,
        )}
      </ul>

      {facilityStatus !== 'signin-required' && (
        <>
          <h3 className="layer-section">Ressourcen</h3>
          <ul className="layer-list">
            {toggle(
              'einrichtungen',
              'Einrichtungen',
              <ul data-testid="facility-legend">
                {categories.map((category) => (
                  <li key={category.id} data-testid="facility-legend-item" data-category={category.id}>
                    <span className="legend-item">
                      <FacilitySymbol category={category} size={22} />
                      {category.label}
                      <span className="muted">({formatInteger(countOf(category.id))})</span>
                    </span>
                  </li>
                ))}
                {STATUS_LEGEND.map(({ variant, label }) => (
                  <li key={label} data-testid="facility-status-legend-item">
                    <span className="legend-item">
                      <FacilitySymbol category={NEUTRAL_SYMBOL} variant={variant} size={22} />
                      <span data-testid="facility-status-legend-label">{label}</span>
                    </span>
                  </li>
                ))}
                <li>
                  <span className="legend-item">
                    <FacilitySymbol category={NEUTRAL_SYMBOL} approximate size={22} />
                    Lage nur genähert (Ortslage, Gemeinde)
                  </span>
                </li>
                <li>
                  <span className="legend-item">
                    <span className="cluster-swatch" aria-hidden="true">
                      5
                    </span>
                    mehrere Einrichtungen; Klick vergrößert
                  </span>
                </li>
                <li className="muted small">Karte und Tabelle „Ressourcen“ zeigen dieselbe Auswahl.</li>
              </ul>,
            )}
          </ul>
        </>
      )}

      {regionLevel && (
        <fieldset className="click-level">
          <legend>Klick auf die Karte wählt</legend>
          <label>
            <input type="radio" name="click-level" checked={clickLevel === 'sozialraum'} onChange={() => setClickLevel('sozialraum')} />
            Sozialraum
          </label>
          <label>
            <input
              type="radio"
              name="click-level"
              checked={clickLevel === 'sozialregion'}
              onChange={() => setClickLevel('sozialregion')}
              data-testid="click-level-sozialregion"
            />
            {regionLevel.singular}
          </label>
        </fieldset>
      )}

      <label className="basemap-choice">
        Hintergrundkarte
        <select value={basemap} onChange={(event) => isBasemapId(event.target.value) && setBasemap(event.target.value)} data-testid="basemap-select">
          {BASEMAPS.map((option) => (
            <option key={option.id} value={option.id}>
              {option.label}
            </option>
          ))}
        </select>
      </label>
      {basemap !== 'keine' && <p className="muted small">Lädt Kartenkacheln aus dem Internet; ohne Verbindung kehrt der Atlas mit einem Hinweis zur Offline-Karte zurück.</p>}
      <p className="muted small">
        ◆ in der Tabelle: Sozialraum unter {formatInteger(threshold)} Einwohnern.
      </p>
    </section>
  );
}

function LegendSwatch({ colour, label }: { colour: string; label: string }) {
  return (
    <span className="legend-item">
      <span className="swatch" style={{ background: colour }} aria-hidden="true" />
      {label}
    </span>
  );
}

function LegendLine({ colour, width, dashed = false, label }: { colour: string; width: number; dashed?: boolean; label: string }) {
  return (
    <span className="legend-item">
      <span className="line-swatch" style={{ borderTop: `${width}px ${dashed ? 'dashed' : 'solid'} ${colour}` }} aria-hidden="true" />
      {label}
    </span>
  );
}
