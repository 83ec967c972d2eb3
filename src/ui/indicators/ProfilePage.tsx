import { useEffect, useMemo, useRef, useState } from 'react';
import type { ProfileEntry, ProfileResponse } from '../../domain/indicators/schema';
import { SPINE_MINIMUM_AREAS } from '../../domain/indicators/spine';
import { formatInteger } from '../../domain/format';
import { useIndicatorStore } from '../../state/indicatorStore';
import { useTerritoryStore } from '../../state/territoryStore';
import { PanelHeader } from '../common/PanelHeader';
import { AreaMiniMap } from './AreaMiniMap';
import { SimilarAreas } from './SimilarAreas';
import { SPINE_COLOURS, SpineChart, TrendChart } from './charts';
import { POLARITY_TEXT, sourceText } from './format';
import { InternalBanner } from './InternalBanner';

const LEVEL_LABEL: Record<string, string> = {
  sozialraum: 'Sozialraum',
  sozialregion: 'Sozialregion',
  planungsraum: 'Planungsraum',
  ausserhalb: 'außerhalb der Sozialräume',
  gemeinde: 'Gemeinde',
  kreis: 'Landkreis',
};

/** The areas a profile can be opened or compared for: Sozialräume, Sozialregionen, the planning area. */
function useProfileAreas(): { key: string; name: string; group: string }[] {
  const territory = useTerritoryStore((state) => state.territory);
  return useMemo(() => {
    if (!territory) return [];
    const byName = <T extends { properties: { name: string } }>(features: readonly T[]) => [...features].sort((a, b) => a.properties.name.localeCompare(b.properties.name, 'de'));
    return [
      { key: 'planungsraum:planungsraum', name: 'Planungsraum', group: 'Planungsraum' },
      ...byName(territory.sozialregionen.features).map((feature) => ({ key: `sozialregion:${feature.properties.id}`, name: feature.properties.name, group: 'Sozialregionen' })),
      ...byName(territory.sozialraeume.features).map((feature) => ({ key: `sozialraum:${feature.properties.id}`, name: feature.properties.name, group: 'Sozialräume' })),
    ];
  }, [territory]);
}

/** The profile of an area: key figures against the planning area, spine, trend, facilities, sources, comparison, similar areas. */
export function ProfilePage() {
  const profileKey = useIndicatorStore((state) => state.profileKey);
  const compared = useIndicatorStore((state) => state.compared);
  const profiles = useIndicatorStore((state) => state.profiles);
  const profileYear = useIndicatorStore((state) => state.profileYear);
  const view = useIndicatorStore((state) => state.view);
  const catalogue = useIndicatorStore((state) => state.catalogue.data);
  const store = useIndicatorStore.getState();
  const areas = useProfileAreas();
  const [regionInstead, setRegionInstead] = useState(false);
  const page = useRef<HTMLElement>(null);

  // Keyboard and screen-reader users land on the profile they opened.
  useEffect(() => {
    page.current?.focus();
  }, [profileKey]);

  useEffect(() => {
    const closeOnEscape = (event: KeyboardEvent) => {
      if (event.key === 'Escape') useIndicatorStore.getState().closeProfile();
    };
    window.addEventListener('keydown', closeOnEscape);
    return () => window.removeEventListener('keydown', closeOnEscape);
  }, []);

  if (!profileKey) return null;
  const own = profiles[profileKey];
  const profile = own?.data ?? null;
  const others = compared.map((key) => ({ key, loaded: profiles[key] }));
  const years = [...new Set((catalogue?.kennzahlen ?? []).flatMap((entry) => entry.stichtage.map((date) => date.slice(0, 4))))].sort().reverse();
  const name = profile?.gebiet.name ?? areas.find((area) => area.key === profileKey)?.name ?? profileKey;

  return (
    <section ref={page} tabIndex={-1} className="profile-page" data-testid="profile-page" data-area={profileKey} aria-labelledby="profile-title">
      <PanelHeader
        kind={`Profil · ${LEVEL_LABEL[profileKey.split(':')[0]!] ?? ''}`}
        title={name}
        titleId="profile-title"
        titleTestId="profile-title"
        onClose={() => store.closeProfile()}
        closeLabel="Profil schließen (Esc)"
      />
      {profile && <p className="hint">{formatInteger(profile.gebiet.einwohner)} Einwohner (Zensus 2022)</p>}
      {view === 'intern' && <InternalBanner />}
      <div className="profile-controls">
        <label>
          Jahr
          <select value={profileYear ?? ''} onChange={(event) => store.setProfileYear(event.target.value === '' ? null : event.target.value)} data-testid="profile-year">
            <option value="">neueste Werte</option>
            {years.map((year) => (
              <option key={year} value={year}>
                {year}
              </option>
            ))}
          </select>
        </label>
        <label>
          Vergleichen mit
          <select
            value=""
            onChange={(event) => {
              if (event.target.value) store.addCompared(event.target.value);
            }}
            data-testid="profile-compare"
          >
            <option value="">Gebiet hinzufügen …</option>
            {['Planungsraum', 'Sozialregionen', 'Sozialräume'].map((group) => (
              <optgroup key={group} label={group}>
                {areas
                  .filter((area) => area.group === group && area.key !== profileKey && !compared.includes(area.key))
                  .map((area) => (
                    <option key={area.key} value={area.key}>
                      {area.name}
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
        </label>
        {others.length > 0 && (
          <ul className="compared-list" aria-label="Verglichene Gebiete">
            {others.map(({ key, loaded }) => (
              <li key={key}>
                {loaded?.data?.gebiet.name ?? areas.find((area) => area.key === key)?.name ?? key}{' '}
                <button type="button" className="link-button" onClick={() => store.removeCompared(key)} aria-label={`${loaded?.data?.gebiet.name ?? key} aus dem Vergleich nehmen`}>
                  entfernen
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      {own?.status === 'error' && (
        <p className="form-error" role="alert">
          Das Profil konnte nicht geladen werden: {own.error}
        </p>
      )}
      {!profile && own?.status !== 'error' && (
        <p className="hint" role="status">
          Profil wird geladen …
        </p>
      )}
      {profile && (
        <ProfileBody
          profile={profile}
          others={others.map(({ key, loaded }) => ({ key, profile: loaded?.data ?? null, error: loaded?.error ?? null }))}
          regionInstead={regionInstead}
          setRegionInstead={setRegionInstead}
        />
      )}
    </section>
  );
}

interface Compared {
  key: string;
  profile: ProfileResponse | null;
  error: string | null;
}

function shownValue(entry: ProfileEntry, regionInstead: boolean): { text: string; note: string | null } {
  if (regionInstead && entry.sozialregion) return { text: entry.sozialregion.wert.text, note: `Wert der Sozialregion ${entry.sozialregion.name}` };
  return { text: entry.wert.text, note: null };
}

function ProfileBody({ profile, others, regionInstead, setRegionInstead }: { profile: ProfileResponse; others: Compared[]; regionInstead: boolean; setRegionInstead(value: boolean): void }) {
  const themes = [...new Set(profile.kennzahlen.map((entry) => entry.thema))];
  const uncertain = profile.kennzahlen.find((entry) => entry.gueltigkeitsHinweis !== null);
  const hasRegion = profile.kennzahlen.some((entry) => entry.sozialregion !== null);
  const comparisonName = profile.kennzahlen[0]?.spine.vergleich.name ?? 'Sozialräume';
  const rule = profile.kennzahlen[0]?.spine.regel ?? '';
  const sources = [...new Map(profile.kennzahlen.map((entry) => [`${entry.quelle.tabelle}|${entry.stand}`, entry])).values()];

  return (
    <>
      {uncertain && (
        <div className="validity-note" role="note" data-testid="profile-validity">
          <strong>Hinweis zur Aussagekraft:</strong> {uncertain.gueltigkeitsHinweis}
          {hasRegion && (
            <label className="checkbox-line">
              <input type="checkbox" checked={regionInstead} onChange={(event) => setRegionInstead(event.target.checked)} data-testid="profile-region-instead" />
              Bei Anteilen und Quoten den Wert der Sozialregion zeigen
            </label>
          )}
        </div>
      )}
      <div className="spine-legend" data-testid="spine-legend">
        <span>
          <svg width={26} height={12} aria-hidden="true">
            <rect x={0} y={1} width={26} height={10} fill="#d9d9d9" />
          </svg>{' '}
          Spanne der {comparisonName}
        </span>
        <span>
          <svg width={16} height={12} aria-hidden="true">
            <rect x={0} y={1} width={16} height={10} fill="#969696" />
          </svg>{' '}
          mittlere Hälfte
        </span>
        <span>
          <svg width={6} height={14} aria-hidden="true">
            <line x1={3} x2={3} y1={0} y2={14} stroke="#000" strokeWidth={2} />
          </svg>{' '}
          {profile.planungsraum.name} (nicht bei Anzahlen: dort die Summe)
        </span>
        {(['besser', 'schlechter', 'mittel', 'hoeher'] as const).map((klasse) => (
          <span key={klasse}>
            <svg width={14} height={14} aria-hidden="true">
              <circle cx={7} cy={7} r={5.5} fill={SPINE_COLOURS[klasse]} stroke="#212121" />
            </svg>{' '}
            {klasse === 'besser' ? 'deutlich besser' : klasse === 'schlechter' ? 'deutlich schlechter' : klasse === 'mittel' ? 'in der mittleren Hälfte' : 'höher/niedriger (neutral)'}
          </span>
        ))}
        <p className="hint">
          {rule} Unter {SPINE_MINIMUM_AREAS} Vergleichsgebieten mit Wert: grau, ohne Wertung.
        </p>
      </div>
      {themes.map((theme) => (
        <section key={theme} className="profile-theme">
          <h3>{theme}</h3>
          <table className="profile-table" data-testid="profile-table">
            <thead>
              <tr>
                <th scope="col">Kennzahl</th>
                <th scope="col" className="number">
                  {profile.gebiet.name}
                </th>
                {others.map((other) => (
                  <th key={other.key} scope="col" className="number" data-testid="profile-compared-head">
                    {other.profile?.gebiet.name ?? (other.error ? 'Fehler' : '…')}
                  </th>
                ))}
                <th scope="col" className="number">
                  {profile.planungsraum.name}
                </th>
                <th scope="col">Vergleich mit den {comparisonName}</th>
                <th scope="col">Verlauf</th>
              </tr>
            </thead>
            <tbody>
              {profile.kennzahlen
                .filter((entry) => entry.thema === theme)
                .map((entry) => {
                  const shown = shownValue(entry, regionInstead);
                  return (
                    <tr key={entry.id} data-kennzahl={entry.id}>
                      <th scope="row">
                        {entry.name}
                        <span className="profile-stand">
                          {entry.stand} · {POLARITY_TEXT[entry.polaritaet]}
                        </span>
                        {entry.bruch && <span className="profile-break">{entry.bruch}</span>}
                      </th>
                      <td className="number" data-testid="profile-value">
                        {shown.text}
                        {shown.note && <span className="profile-stand">{shown.note}</span>}
                        {!shown.note && entry.gueltigkeitsHinweis && <span className="validity-flag"> (unsicher)</span>}
                      </td>
                      {others.map((other) => {
                        const match = other.profile?.kennzahlen.find((each) => each.id === entry.id);
                        return (
                          <td key={other.key} className="number" data-testid="profile-compared-value">
                            {match ? (match.stichtag === entry.stichtag ? match.wert.text : `${match.wert.text} (${match.stand})`) : '–'}
                          </td>
                        );
                      })}
                      <td className="number">
                        {entry.planungsraum.status === 'nicht-verfuegbar' && entry.kreis.status !== 'nicht-verfuegbar' ? (
                          <>
                            {entry.kreis.text}
                            <span className="profile-stand">Landkreis (nur dort erhoben)</span>
                          </>
                        ) : (
                          entry.planungsraum.text
                        )}
                      </td>
                      <td>
                        <SpineChart spine={entry.spine} unit={entry.einheit} label={entry.name} withPlanningArea={entry.art !== 'anzahl'} />
                        <span className="profile-stand" data-testid="spine-class">
                          {entry.spine.klasseText}
                        </span>
                      </td>
                      <td>
                        <TrendChart trend={entry.verlauf} unit={entry.einheit} withPlanningArea={entry.art !== 'anzahl'} label={entry.name} />
                      </td>
                    </tr>
                  );
                })}
            </tbody>
          </table>
        </section>
      ))}
      <p className="hint">Verlauf: dieses Gebiet blau, bei Anteilen und Quoten {profile.planungsraum.name} gestrichelt; orange gepunktet: Bruch der Reihe (die Linie ist dort unterbrochen).</p>
      <AreaMiniMap profile={profile} />
      <FacilitiesOfArea />
      <SimilarAreas profile={profile} />
      <section className="profile-sources">
        <h3>Quellen und Stand</h3>
        <ul>
          {sources.map((entry) => (
            <li key={`${entry.quelle.tabelle}|${entry.stand}`}>
              {sourceText(entry.quelle)} – {entry.stand}
            </li>
          ))}
        </ul>
        <p className="hint">{profile.geheimhaltung}</p>
      </section>
    </>
  );
}

/**
 * Facilities of the resource map in the area by category, with the share of its residents within
 * each category's reach: the same rows as the area's section in the profile report.
 */
function FacilitiesOfArea() {
  const loaded = useIndicatorStore((state) => state.areaFacilities);
  const retry = useIndicatorStore((state) => state.loadAreaFacilities);
  const data = loaded.data;
  return (
    <section className="profile-facilities" data-testid="profile-facilities" aria-busy={loaded.status === 'loading'}>
      <h3>Einrichtungen und Versorgung im Gebiet</h3>
      {loaded.status === 'error' ? (
        <p className="error" role="alert">
          {loaded.error}{' '}
          <button type="button" onClick={() => void retry()}>
            Erneut versuchen
          </button>
        </p>
      ) : !data ? (
        <p className="hint" role="status">
          Einrichtungen und Versorgung werden berechnet …
        </p>
      ) : data.kategorien.length === 0 ? (
        <p className="hint">In der Ressourcenkarte ist für dieses Gebiet keine Einrichtung erfasst, und keine in der Nähe erreicht seine Einwohner.</p>
      ) : (
        <table className="profile-table">
          <caption className="visually-hidden">Einrichtungen und Versorgung je Kategorie, {data.gebiet.name}</caption>
          <thead>
            <tr>
              <th scope="col">Kategorie</th>
              <th scope="col" className="number">
                in Betrieb
              </th>
              <th scope="col" className="number">
                geplant
              </th>
              <th scope="col" className="number">
                versorgt
              </th>
            </tr>
          </thead>
          <tbody>
            {data.kategorien.map((row) => (
              <tr key={row.id} data-kategorie={row.id}>
                <th scope="row">{row.name}</th>
                <td className="number">{formatInteger(row.inBetrieb)}</td>
                <td className="number">{formatInteger(row.geplant)}</td>
                <td className="number" title={row.reichweite ? `Reichweite ${row.reichweite}` : undefined}>
                  {row.versorgt ?? '–'}
                  {row.reichweite && <span className="hint"> ({row.reichweite})</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {data && (
        <p className="hint">
          Einrichtungen: Ressourcenkarte des Sozialraumatlas, {data.stand}.{data.hinweis ? ` ${data.hinweis}` : ''} „–“: keine Einrichtung der Kategorie in Betrieb, nichts berechnet.
        </p>
      )}
    </section>
  );
}
