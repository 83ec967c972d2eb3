import { useEffect } from 'react';
import { formatDecimal, formatInteger, formatIsoDate, formatPercent } from '../domain/format';
import { areaKey, type AreaSummary } from '../domain/territory/summary';
import { useAtlasStore } from '../state/atlasStore';
import { useTerritoryStore } from '../state/territoryStore';
import { openIndicatorProfile as openProfile } from '../app/indicators';
import { PanelHeader } from './common/PanelHeader';

/** Details of the selected Sozialraum, Sozialregion or outside area. */
export function AreaPanel() {
  const selection = useAtlasStore((state) => state.selection);
  const select = useAtlasStore((state) => state.select);
  const summary = useTerritoryStore((state) => state.summary);
  const territory = useTerritoryStore((state) => state.territory);
  const area = selection && summary ? summary.byKey.get(areaKey(selection)) : undefined;

  useEffect(() => {
    if (!area) return;
    const closeOnEscape = (event: KeyboardEvent) => {
      if (event.key === 'Escape') select(null);
    };
    window.addEventListener('keydown', closeOnEscape);
    return () => window.removeEventListener('keydown', closeOnEscape);
  }, [area, select]);

  if (!area || !territory || !summary) return null;
  const { district } = territory;
  const stichtag = formatIsoDate(district.zensusStichtag);

  return (
    <aside className="area-panel" data-testid="area-panel" aria-labelledby="area-panel-name">
      <PanelHeader kind={kindLabel(area)} title={area.name} titleId="area-panel-name" titleTestId="area-panel-name" onClose={() => select(null)} />

      {area.grund && <p className="area-panel__note">{area.grund}</p>}

      {area.kind !== 'kreis' && (
        <p>
          <button type="button" className="button button--small" onClick={() => openProfile(`${area.kind}:${area.id}`)} data-testid="area-panel-profile">
            Profil mit Kennzahlen öffnen
          </button>
        </p>
      )}

      <dl className="figures">
        <dt>Einwohner</dt>
        <dd data-testid="area-panel-population">{formatInteger(area.einwohner)}</dd>
        <dt>Fläche</dt>
        <dd>{formatDecimal(area.flaecheKm2)} km²</dd>
        <dt>Dichte</dt>
        <dd>{formatInteger(area.dichte)} Einw./km²</dd>
        {area.kind !== 'kreis' && (
          <>
            <dt>Anteil am Landkreis</dt>
            <dd>
              {formatPercent(area.anteilEinwohnerKreis)} der Einwohner, {formatPercent(area.anteilFlaecheKreis)} der Fläche
            </dd>
          </>
        )}
        {area.anteilEinwohnerSozialraeume !== null && summary.ausserhalb.some((a) => a.einwohner > 0) && (
          <>
            <dt>Anteil an den Sozialräumen</dt>
            <dd>{formatPercent(area.anteilEinwohnerSozialraeume)} der Einwohner</dd>
          </>
        )}
        {area.sozialregion && (
          <>
            <dt>{district.regionLevel?.singular ?? 'Sozialregion'}</dt>
            <dd>
              <button type="button" className="link-button" onClick={() => select({ kind: 'sozialregion', id: area.sozialregion!.id }, { focus: true })}>
                {area.sozialregion.name}
              </button>
            </dd>
          </>
        )}
      </dl>

      {area.unterValiditaetsschwelle && (
        <p className="validity-note" role="note" data-testid="validity-note">
          <strong>Hinweis zur Aussagekraft:</strong> Mit {formatInteger(area.einwohner)} Einwohnern liegt {area.name} unter dem
          Richtwert von {formatInteger(district.validityThreshold.einwohner)} Einwohnern. {district.validityThreshold.hinweis} Kennzahlen
          dieses Gebiets mit Vorsicht deuten.
        </p>
      )}

      {area.sozialraeume.length > 0 && (
        <section>
          <h3>Sozialräume ({area.sozialraeume.length})</h3>
          <ul className="member-list">
            {area.sozialraeume.map((unit) => (
              <li key={unit.id}>
                <button type="button" className="link-button" onClick={() => select({ kind: 'sozialraum', id: unit.id }, { focus: true })}>
                  {unit.name}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}

      {area.gemeinden.length > 0 && (
        <section>
          <h3>Gemeinden ({area.gemeinden.length})</h3>
          <table className="member-table">
            <thead>
              <tr>
                <th scope="col">Gemeinde</th>
                <th scope="col" className="number">Einwohner</th>
              </tr>
            </thead>
            <tbody>
              {area.gemeinden.map((gemeinde) => (
                <tr key={gemeinde.ags}>
                  <td>
                    {gemeinde.name} <span className="muted">{gemeinde.ags}</span>
                  </td>
                  <td className="number">{formatInteger(gemeinde.einwohner)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}

      <p className="source-line">
        Einwohner: Zensus 2022, Stichtag {stichtag} (© Statistische Ämter des Bundes und der Länder, dl-de/by-2-0). Fläche:
        berechnet aus BKG VG250 (Gebietsstand {territory.sources.find((s) => s.id === 'grenzen')?.stand}) in {district.crs}.
      </p>
    </aside>
  );
}

function kindLabel(area: AreaSummary): string {
  switch (area.kind) {
    case 'sozialraum':
      return `Sozialraum · ${area.art}`;
    case 'sozialregion':
      return area.art;
    case 'ausserhalb':
      return area.art;
    case 'kreis':
      return 'Landkreis';
  }
}
