import { useEffect, useMemo, useState } from 'react';
import type { CoverageAnalysis } from '../../domain/coverage/analysis';
import { isEmptyFinding } from '../../domain/coverage/counting';
import { formatResidentChange } from '../../domain/coverage/precision';
import { sozialraumAt } from '../../domain/coverageView/gaps';
import { isScenarioActive, type Scenario } from '../../domain/coverageView/scenario';
import { categoryWording, coverageHeadline, emptyFindingText, facilityCountText, formatRadiusKm } from '../../domain/coverageView/summary';
import { formatStand } from '../../domain/facilities/stand';
import { formatInteger } from '../../domain/format';
import { useAtlasStore } from '../../state/atlasStore';
import { makeHypotheticalReal } from '../../app/coverage';
import {
  RADIUS_MAX_KM,
  RADIUS_MIN_KM,
  selectScenario,
  useCoverageStore,
} from '../../state/coverageStore';
import { selectFacility, useFacilityStore } from '../../state/facilityStore';
import { FacilitySymbol } from '../FacilitySymbol';
import { CategorySelect } from '../common/CategorySelect';
import { usePermissions } from '../permissions';
import { CoverageLegend } from './CoverageLegend';
import { CoverageSources, SurfaceLine } from './CoverageSources';
import { CoverageSuggestions } from './CoverageSuggestions';
import { CoverageTable } from './CoverageTable';
import { useCoverageCategory, useCoverageRadiusKm } from './useCoverageCategory';
import './coverage.css';

/**
 * The Versorgung tab: where is a service missing, for how many people, and what would one more
 * change? Reads the coverage store; the computation happens in the effects.
 */
export function CoveragePanel() {
  const setActive = useCoverageStore((state) => state.setActive);
  useEffect(() => {
    setActive(true);
    // The sidebar grows with the table; an overview of the district is fitted again once it has.
    const { selection, view } = useAtlasStore.getState();
    const timer = !selection && (view?.zoom ?? 0) < 9.5 ? setTimeout(() => useAtlasStore.getState().select(null, { focus: true }), 60) : undefined;
    return () => {
      clearTimeout(timer);
      setActive(false);
    };
  }, [setActive]);

  const surface = useCoverageStore((state) => state.surface);
  const analysis = useCoverageStore((state) => state.analysis);
  const real = useCoverageStore((state) => state.real);
  const facilityStatus = useFacilityStore((state) => state.status);
  // Nothing of the category recorded in the planning area: no figures, only that.
  const empty = real !== null && isEmptyFinding(real.bestand.planungsraum);

  return (
    <section
      className="coverage-panel"
      aria-label="Versorgung"
      data-testid="coverage-panel"
      data-ready={analysis ? 'true' : 'false'}
      data-empty={empty ? 'true' : 'false'}
    >
      <CoverageControls />
      <SurfaceLine />
      {surface.status === 'loading' && (
        <p className="muted" role="status">
          Bevölkerung wird vorbereitet …
        </p>
      )}
      {surface.status === 'error' && <p className="form-error">Die Versorgungsanalyse ist nicht verfügbar: {surface.note}</p>}
      {facilityStatus === 'signin-required' && (
        <p className="form-warning">Die Einrichtungen sind nur nach Anmeldung sichtbar; ohne sie gilt niemand als versorgt.</p>
      )}
      {analysis && empty && real && <EmptyFinding real={real} />}
      {analysis && !empty && (
        <>
          <CoverageHeadline analysis={analysis} />
          <ScenarioTools />
          <CoverageSuggestions analysis={analysis} />
          <CoverageTable />
          <CoverageLegend />
          <CoverageSources />
          <div className="coverage-present">
            <button
              type="button"
              className="button button--primary"
              onClick={() => useCoverageStore.getState().setPresentation(true)}
              data-testid="coverage-presentation-open"
            >
              Präsentation für den Kreistag
            </button>
            <span className="muted small">Vollbild mit Karte, Kennzahlen und Quellen; als PNG oder zum Drucken.</span>
          </div>
        </>
      )}
    </section>
  );
}

function CoverageControls() {
  const categories = useFacilityStore((state) => state.categories);
  const categoryId = useCoverageStore((state) => state.categoryId);
  const radiusKm = useCoverageRadiusKm();
  const custom = useCoverageStore((state) => state.radiusKm[state.categoryId] !== undefined);
  const { setCategory, setRadiusKm } = useCoverageStore.getState();
  const category = useCoverageCategory();
  // What is typed into the number field until it is left (so "2," can become "2,5"), for one category.
  const [typed, setTyped] = useState<{ categoryId: string; text: string } | null>(null);
  const draft = typed?.categoryId === categoryId ? typed.text : null;
  const setDraft = (text: string | null) => setTyped(text === null ? null : { categoryId, text });

  const commit = (text: string) => {
    const value = Number(text.replace(',', '.'));
    if (text.trim() !== '' && Number.isFinite(value)) setRadiusKm(value);
    setDraft(null);
  };

  return (
    <div className="coverage-controls">
      <label className="coverage-field">
        <span>Kategorie</span>
        <CategorySelect categories={categories} value={categoryId} onChange={setCategory} withSymbol symbolSize={20} testId="coverage-category" />
      </label>
      <div className="coverage-field coverage-radius">
        <label htmlFor="coverage-radius-number">Reichweite (Luftlinie)</label>
        <div className="coverage-radius__inputs">
          <input
            type="range"
            min={RADIUS_MIN_KM}
            max={RADIUS_MAX_KM}
            step={0.5}
            value={radiusKm}
            onChange={(event) => setRadiusKm(Number(event.target.value))}
            aria-label="Reichweite in Kilometern (Schieberegler)"
            data-testid="coverage-radius-slider"
          />
          <input
            id="coverage-radius-number"
            type="number"
            min={RADIUS_MIN_KM}
            max={RADIUS_MAX_KM}
            step={0.1}
            inputMode="decimal"
            value={draft ?? String(radiusKm)}
            onChange={(event) => {
              setDraft(event.target.value);
              const value = Number(event.target.value);
              if (event.target.value !== '' && value >= RADIUS_MIN_KM && value <= RADIUS_MAX_KM) setRadiusKm(value);
            }}
            onBlur={(event) => commit(event.target.value)}
            onKeyDown={(event) => event.key === 'Enter' && commit(event.currentTarget.value)}
            data-testid="coverage-radius"
          />
          <span>km</span>
        </div>
        {category && (
          <span className="muted small">
            {custom && radiusKm !== category.reachKm ? (
              <>
                Standard der Kategorie: {formatRadiusKm(category.reachKm)}{' '}
                <button type="button" className="link-button" onClick={() => setRadiusKm(category.reachKm)} data-testid="coverage-radius-default">
                  zurücksetzen
                </button>
              </>
            ) : (
              `Standard der Kategorie ${category.label}: ${formatRadiusKm(category.reachKm)}`
            )}
          </span>
        )}
      </div>
    </div>
  );
}

/** „Keine Einrichtungen der Kategorie Kita erfasst“ instead of figures that would only restate missing data. */
function EmptyFinding({ real }: { real: CoverageAnalysis }) {
  const category = useCoverageCategory();
  if (!category) return null;
  const outside = real.bestand.planungsraum.ausserhalb;
  return (
    <div className="coverage-empty" role="status" data-testid="coverage-empty">
      <p className="coverage-empty__title">{emptyFindingText(category, real.result.planungsraum.genitiv)}</p>
      <p className="hint">
        Ohne erfasste Einrichtungen gibt es keine Versorgungslücken zu zeigen, nur fehlende Daten. Einrichtungen erfassen: Tab
        „Ressourcen“, „+ Einrichtung hinzufügen“ oder „Importieren …“.
        {outside > 0 && ` ${formatInteger(outside)} außerhalb des Planungsraums zählen nicht.`}
      </p>
    </div>
  );
}

function CoverageHeadline({ analysis }: { analysis: CoverageAnalysis }) {
  const radiusKm = useCoverageRadiusKm();
  const real = useCoverageStore((state) => state.real);
  const scenario = useCoverageStore(selectScenario);
  const live = useCoverageStore((state) => state.live);
  const category = useCoverageCategory();
  if (!category) return null;
  const headline = coverageHeadline(analysis, category, radiusKm);
  const active = isScenarioActive(scenario) && real !== null;
  const delta = active ? Math.round(analysis.result.planungsraum.versorgt) - Math.round(real.result.planungsraum.versorgt) : 0;
  const facts = real ?? analysis;
  return (
    <div
      className={`coverage-headline${active ? ' coverage-headline--scenario' : ''}`}
      data-testid="coverage-headline"
      data-ohne={headline.ohneEinrichtung}
      data-sozialraeume={headline.sozialraeume}
      data-unversorgt={headline.unversorgt}
      data-live={live ? 'true' : 'false'}
      aria-live="polite"
    >
      {active && <span className="coverage-badge">Szenario – keine echten Daten</span>}
      <p className="coverage-headline__line">
        <strong>
          {formatInteger(headline.ohneEinrichtung)} von {formatInteger(headline.sozialraeume)}
        </strong>{' '}
        Sozialräumen {categoryWording(category).ohne}
      </p>
      <p className="coverage-headline__line" data-testid="coverage-headline-residents">
        <strong>{headline.unversorgtZahl}</strong> {headline.unversorgtRest}
      </p>
      {active && (
        <p className="coverage-headline__delta" data-testid="coverage-delta-total" data-delta={delta}>
          gegenüber dem Ist-Stand: <strong>{formatResidentChange(delta, headline.rounding)}</strong> Einwohner in Reichweite
        </p>
      )}
      <p className="coverage-headline__facts muted small" data-testid="coverage-tally">
        {categoryWording(category).plural}: {facilityCountText(facts.facilities.length, facts.bestand.planungsraum)}
      </p>
      <p className="coverage-headline__facts muted small" data-testid="coverage-stand">
        Einrichtungen: {formatStand(facts.bestand.stand)}
      </p>
    </div>
  );
}

function ScenarioTools() {
  const placing = useCoverageStore((state) => state.placing);
  const scenario: Scenario = useCoverageStore(selectScenario);
  const selectedId = useCoverageStore((state) => state.selectedHypotheticalId);
  const setup = useCoverageStore((state) => state.setup);
  const categoryId = useCoverageStore((state) => state.categoryId);
  const facilities = useFacilityStore((state) => state.facilities);
  const selectedFacility = useFacilityStore((state) => selectFacility(state, state.selectedId));
  const mode = useFacilityStore((state) => state.mode);
  const { user, canAdd } = usePermissions();
  const store = useCoverageStore.getState();
  const category = useCoverageCategory();
  const byId = useMemo(() => new Map(facilities.map((facility) => [facility.id, facility])), [facilities]);
  const placeName = (lngLat: readonly [number, number]) =>
    setup ? (sozialraumAt(setup, lngLat)?.name ?? 'außerhalb des Planungsraums (zählt nicht)') : '';
  const counts = selectedFacility && selectedFacility.category === categoryId && !selectedFacility.geloescht;
  const selectedOff = selectedFacility ? scenario.switchedOff.includes(selectedFacility.id) : false;

  return (
    <div className="coverage-box" aria-labelledby="coverage-scenario-title">
      <h3 id="coverage-scenario-title">Was wäre, wenn …</h3>
      <p className="hint">Szenarien ändern keine echten Daten. Symbole auf der Karte lassen sich ziehen; die Zahlen folgen sofort.</p>
      <div className="toolbar">
        <button
          type="button"
          className={`button${placing ? ' button--primary' : ''}`}
          aria-pressed={placing}
          onClick={() => (placing ? store.stopPlacing() : store.startPlacing())}
          disabled={mode === 'add'}
          data-testid="coverage-place"
        >
          {placing ? 'Klick auf die Karte … (Esc bricht ab)' : 'Hypothetische Einrichtung setzen'}
        </button>
        <button type="button" className="button" onClick={() => store.resetScenario()} disabled={!isScenarioActive(scenario)} data-testid="coverage-reset">
          Szenario zurücksetzen
        </button>
      </div>

      {scenario.hypothetical.length > 0 && (
        <ul className="coverage-list" data-testid="coverage-hypothetical-list">
          {scenario.hypothetical.map((facility) => (
            <li
              key={facility.id}
              className={facility.id === selectedId ? 'selected' : undefined}
              data-testid="coverage-hypothetical"
              data-id={facility.id}
            >
              <button type="button" className="link-button" onClick={() => store.selectHypothetical(facility.id === selectedId ? null : facility.id)}>
                <span className="hypothetical-mark" aria-hidden="true" /> Neu {facility.nummer}
              </button>{' '}
              <span className="muted">
                · {placeName(facility.lngLat)}
                {facility.herkunft === 'vorschlag' ? ' · aus Vorschlag' : ''}
              </span>
              <span className="coverage-list__actions">
                {user && canAdd ? (
                  <button type="button" className="button button--small" onClick={() => makeHypotheticalReal(facility.id)} data-testid="coverage-make-real">
                    Als echte Einrichtung anlegen
                  </button>
                ) : null}
                <button type="button" className="button button--small button--danger" onClick={() => store.removeHypothetical(facility.id)} data-testid="coverage-remove">
                  entfernen
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
      {scenario.hypothetical.length > 0 && !user && <p className="hint">Zum Anlegen echter Einrichtungen bitte anmelden.</p>}

      {counts && selectedFacility && (
        <div className="coverage-selected" data-testid="coverage-selected-facility">
          <span>
            <FacilitySymbol category={category} size={16} /> <strong>{selectedFacility.name}</strong>
            {selectedFacility.status !== 'in Betrieb' && <span className="muted"> · {selectedFacility.status} (zählt nicht)</span>}
          </span>
          {selectedFacility.status === 'in Betrieb' && (
            <button
              type="button"
              className="button button--small"
              onClick={() => store.setSwitchedOff(selectedFacility.id, !selectedOff)}
              data-testid="coverage-switch-off"
            >
              {selectedOff ? 'im Szenario einschalten' : 'im Szenario ausschalten'}
            </button>
          )}
        </div>
      )}
      {!counts && <p className="hint">Klick auf eine Einrichtung der Kategorie auf der Karte: im Szenario aus- oder einschalten.</p>}

      {scenario.switchedOff.length > 0 && (
        <ul className="coverage-list" data-testid="coverage-switched-off-list">
          {scenario.switchedOff.map((id) => (
            <li key={id}>
              <span className="switched-off-mark" aria-hidden="true">
                ×
              </span>{' '}
              {byId.get(id)?.name ?? id} <span className="muted">· im Szenario ausgeschaltet</span>
              <span className="coverage-list__actions">
                <button type="button" className="button button--small" onClick={() => store.setSwitchedOff(id, false)}>
                  einschalten
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
