import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { isEmptyFinding } from '../../domain/coverage/counting';
import { isScenarioActive } from '../../domain/coverageView/scenario';
import { categoryWording, coverageFileName, emptyFindingText, facilityCountText, formatRadiusKm } from '../../domain/coverageView/summary';
import { formatStand } from '../../domain/facilities/stand';
import { mountPresentationMap, type PresentationMapHandle } from '../../app/map/presentationMap';
import { errorMessage } from '../../state/api';
import { selectScenario, useCoverageStore } from '../../state/coverageStore';
import { useFacilityStore } from '../../state/facilityStore';
import { useTerritoryStore } from '../../state/territoryStore';
import { toast } from '../../state/toastStore';
import { FacilitySymbol } from '../FacilitySymbol';
import { CategorySelect } from '../common/CategorySelect';
import { useCoverageSourceLines } from './CoverageSources';
import { GapLegend, LegendEntries, ShareLegend } from './CoverageLegend';
import { contextEntries, presentationFigures, presentationLegend, symbolEntries } from './presentationContent';
import { canvasToPngBlob, downloadBlob, drawPresentation, pngOverlayBoxes } from './presentationPng';
import { useCoverageCategory, useCoverageRadiusKm } from './useCoverageCategory';
import './coverage.css';

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Rendered by App inside the map area: the placing hint and, when open, the Kreistag view. */
export function CoverageOverlay() {
  const active = useCoverageStore((state) => state.active);
  const placing = useCoverageStore((state) => state.placing);
  const presentation = useCoverageStore((state) => state.presentation);
  const stopPlacing = useCoverageStore((state) => state.stopPlacing);
  return (
    <>
      {active && placing && (
        <div className="mode-hint" role="status" data-testid="coverage-place-hint">
          <span>
            Klicken Sie auf die Karte, wo die hypothetische Einrichtung stehen soll. Sie bleibt ein Szenario. <kbd>Esc</kbd> bricht ab.
          </span>
          <button type="button" className="button button--small" onClick={stopPlacing}>
            Abbrechen
          </button>
        </div>
      )}
      {active && presentation && createPortal(<CoveragePresentation />, document.body)}
    </>
  );
}

function CoveragePresentation() {
  const territory = useTerritoryStore((state) => state.territory);
  const districtId = useTerritoryStore((state) => state.districtId);
  const analysis = useCoverageStore((state) => state.analysis);
  const real = useCoverageStore((state) => state.real);
  const live = useCoverageStore((state) => state.live);
  const radiusKm = useCoverageRadiusKm();
  const scenario = useCoverageStore(selectScenario);
  const categories = useFacilityStore((state) => state.categories);
  const facilities = useFacilityStore((state) => state.facilities);
  const sources = useCoverageSourceLines();
  const mapElement = useRef<HTMLDivElement>(null);
  const mapRef = useRef<PresentationMapHandle | null>(null);
  const closeButton = useRef<HTMLButtonElement>(null);
  const [busy, setBusy] = useState<'png' | 'print' | null>(null);
  const [printUrl, setPrintUrl] = useState<string | null>(null);
  const category = useCoverageCategory();

  useEffect(() => {
    const element = mapElement.current;
    if (!element || !territory) return;
    const map = mountPresentationMap(element, territory, pngOverlayBoxes);
    mapRef.current = map;
    return () => {
      map.unmount();
      mapRef.current = null;
    };
  }, [territory]);

  useEffect(() => {
    document.body.classList.add('coverage-presenting');
    closeButton.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') useCoverageStore.getState().setPresentation(false);
    };
    window.addEventListener('keydown', onKey);
    return () => {
      document.body.classList.remove('coverage-presenting');
      window.removeEventListener('keydown', onKey);
    };
  }, []);

  useEffect(() => {
    if (!printUrl) return;
    // After printing the live view is what Ctrl+P prints again.
    const done = () => setPrintUrl(null);
    window.addEventListener('afterprint', done);
    return () => {
      window.removeEventListener('afterprint', done);
      URL.revokeObjectURL(printUrl);
    };
  }, [printUrl]);

  if (!territory || !districtId || !analysis || !category) return null;
  const wording = categoryWording(category);
  const title = `${capitalise(wording.plural)} im ${territory.district.name}: Erreichbarkeit im Umkreis von ${formatRadiusKm(radiusKm)}`;
  const facts = real ?? analysis;
  // Nothing recorded: there is no finding to present, and none to print.
  const empty = isEmptyFinding(facts.bestand.planungsraum);
  const subtitle = [
    facts.result.planungsraum.name,
    `Umkreis ${formatRadiusKm(radiusKm)} Luftlinie`,
    `${wording.plural}: ${facilityCountText(facts.facilities.length, facts.bestand.planungsraum)}`,
    `Einrichtungen ${formatStand(facts.bestand.stand)}`,
  ].join(' · ');
  const figureNote = `Einwohner: ${analysis.method.titel} (${analysis.method.stand})${analysis.precision.erreicht === 'gerundet' ? ', Zahlen auf Hunderte gerundet' : ''}.`;
  const scenarioActive = isScenarioActive(scenario);
  const scenarioNote = scenarioActive ? 'Szenario – keine beschlossene Planung' : null;
  const figures = presentationFigures(analysis, real, category, radiusKm, scenario);

  const picture = async (): Promise<HTMLCanvasElement> => {
    const map = mapRef.current;
    if (!map) throw new Error('Die Karte ist noch nicht bereit.');
    const snapshot = await map.snapshot();
    return drawPresentation({
      title,
      subtitle,
      scenarioNote,
      figures,
      figureNote,
      legend: presentationLegend(territory, category, analysis, facilities, scenario),
      sources,
      attribution: snapshot.attribution,
      snapshot,
    });
  };

  const savePng = async () => {
    setBusy('png');
    try {
      const blob = await canvasToPngBlob(await picture());
      downloadBlob(blob, coverageFileName({ categoryId: category.id, radiusKm, districtId, scenario: scenarioActive }, 'png'));
    } catch (error) {
      toast.error(errorMessage(error));
    } finally {
      setBusy(null);
    }
  };

  const print = async () => {
    setBusy('print');
    try {
      const blob = await canvasToPngBlob(await picture());
      setPrintUrl(URL.createObjectURL(blob));
    } catch (error) {
      toast.error(errorMessage(error));
      setBusy(null);
    }
  };

  return (
    <div
      className={`coverage-presentation${printUrl ? ' has-print-image' : ''}`}
      role="dialog"
      aria-modal="true"
      aria-labelledby="presentation-title"
      data-testid="coverage-presentation"
    >
      <header className="presentation-header">
        <div>
          <h1 id="presentation-title" data-testid="presentation-title">
            {title}
          </h1>
          <p className="presentation-subtitle">{subtitle}</p>
        </div>
        <div className="presentation-toolbar">
          <label className="presentation-category">
            <span className="visually-hidden">Kategorie</span>
            <FacilitySymbol category={category} size={22} />
            <CategorySelect categories={categories} value={category.id} onChange={(id) => useCoverageStore.getState().setCategory(id)} testId="presentation-category" />
          </label>
          <button
            type="button"
            className="button"
            onClick={() => void savePng()}
            disabled={busy !== null || live || empty}
            title={empty ? 'Ohne erfasste Einrichtungen gibt es keinen Befund zu zeigen.' : undefined}
            data-testid="presentation-png"
          >
            {busy === 'png' ? 'Bild wird erstellt …' : 'Als PNG speichern'}
          </button>
          <button type="button" className="button" onClick={() => void print()} disabled={busy !== null || live || empty} data-testid="presentation-print">
            Drucken
          </button>
          <button
            type="button"
            className="button button--primary"
            ref={closeButton}
            onClick={() => useCoverageStore.getState().setPresentation(false)}
            data-testid="presentation-close"
          >
            Schließen (Esc)
          </button>
        </div>
      </header>
      {scenarioNote && (
        <p className="presentation-scenario" data-testid="presentation-scenario">
          {scenarioNote}: {scenario.hypothetical.length} hypothetische und {scenario.switchedOff.length} ausgeschaltete Einrichtung(en) auf der Karte.
        </p>
      )}
      <div className="presentation-body">
        <div className="presentation-map" ref={mapElement} data-testid="presentation-map" role="img" aria-label={`Karte: ${title}`} />
        <aside className="presentation-side">
          {empty ? (
            <p className="presentation-empty" role="status" data-testid="presentation-empty">
              {emptyFindingText(category, facts.result.planungsraum.genitiv)}. Ohne erfasste Einrichtungen gibt es keinen Befund; die
              Zahlen würden nur die fehlenden Daten zeigen.
            </p>
          ) : (
            <>
              <ul className="presentation-figures">
                {figures.map((figure) => (
                  <li key={figure.testId} className={`figure figure--${figure.tone}`} data-testid={figure.testId}>
                    <strong>{figure.value}</strong>
                    <span>{figure.text}</span>
                  </li>
                ))}
              </ul>
              <p className="muted small" data-testid="presentation-figure-note">
                {figureNote}
              </p>
            </>
          )}
          <div className="presentation-legend">
            <h2>Anteil der Einwohner im Umkreis (je Sozialraum)</h2>
            <ShareLegend />
            <LegendEntries entries={contextEntries(territory)} testId="presentation-context-legend" />
            <h2>Einwohner ohne Einrichtung im Umkreis</h2>
            <GapLegend />
            <h2>Symbole</h2>
            <LegendEntries entries={symbolEntries(category, analysis, facilities, scenario)} testId="presentation-symbol-legend" />
          </div>
        </aside>
      </div>
      <footer className="presentation-sources" data-testid="presentation-sources">
        {sources.map((line) => (
          <span key={line.label}>
            <strong>{line.label}:</strong> {line.text}
          </span>
        ))}
      </footer>
      {printUrl && (
        <div className="presentation-print">
          <img
            src={printUrl}
            alt={title}
            onLoad={() => {
              setBusy(null);
              window.print();
            }}
          />
        </div>
      )}
    </div>
  );
}
