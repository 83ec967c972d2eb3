import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { CoverageAnalysis } from '../../domain/coverage/analysis';
import type { FacilityCategory } from '../../domain/facilities/catalog';
import type { Facility } from '../../domain/facilities/schema';
import { isApproximate } from '../../domain/resources/labels';
import { isHypotheticalId, isScenarioActive, type Scenario } from '../../domain/coverageView/scenario';
import {
  GAP_CLASS_LABELS,
  SHARE_CLASS_LABELS,
  categoryWording,
  coverageFileName,
  coverageHeadline,
  formatChangeDate,
  formatRadiusKm,
  formatSignedInteger,
  latestChange,
} from '../../domain/coverageView/summary';
import { formatInteger, formatPercent } from '../../domain/format';
import { mountPresentationMap, type PresentationMapHandle } from '../../app/map/presentationMap';
import { GAP_CLASS_COLOURS, SHARE_CLASS_COLOURS, SUGGESTION_FILL } from '../../map/coverageLayers';
import { errorMessage } from '../../state/api';
import { selectScenario, useCoverageStore } from '../../state/coverageStore';
import { useFacilityStore } from '../../state/facilityStore';
import { useTerritoryStore } from '../../state/territoryStore';
import { toast } from '../../state/toastStore';
import { FacilitySymbol } from '../FacilitySymbol';
import { CategorySelect } from '../common/CategorySelect';
import { useCoverageSourceLines } from './CoverageSources';
import { GapLegend, ScenarioLegend, ShareLegend } from './CoverageLegend';
import { canvasToPngBlob, downloadBlob, drawPresentation, type LegendEntry, type PresentationPicture } from './presentationPng';
import { useCoverageCategory, useCoverageRadiusKm } from './useCoverageCategory';
import './coverage.css';

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

interface Figure {
  value: string;
  text: string;
  tone: 'alarm' | 'good' | 'neutral';
  testId: string;
}

function presentationFigures(analysis: CoverageAnalysis, real: CoverageAnalysis | null, category: FacilityCategory, radiusKm: number, scenario: Scenario, districtName: string): Figure[] {
  const headline = coverageHeadline(analysis.result, category, radiusKm);
  const wording = categoryWording(category);
  const share = (count: number) => formatPercent(headline.einwohner > 0 ? count / headline.einwohner : 0);
  const figures: Figure[] = [
    {
      value: `${formatInteger(headline.ohneEinrichtung)} von ${formatInteger(headline.sozialraeume)}`,
      text: `Sozialräumen ${wording.ohne}`,
      tone: headline.ohneEinrichtung > 0 ? 'alarm' : 'good',
      testId: 'presentation-figure-ohne',
    },
    {
      value: formatInteger(headline.unversorgt),
      text: `Einwohner (${share(headline.unversorgt)}) wohnen nicht im Umkreis von ${formatRadiusKm(radiusKm)} (Luftlinie)`,
      tone: 'alarm',
      testId: 'presentation-figure-unversorgt',
    },
    {
      value: formatInteger(headline.versorgt),
      text: `Einwohner (${share(headline.versorgt)}) im Umkreis – von ${formatInteger(headline.einwohner)} im ${districtName}`,
      tone: 'good',
      testId: 'presentation-figure-versorgt',
    },
  ];
  if (isScenarioActive(scenario) && real) {
    const delta = Math.round(analysis.result.kreis.versorgt) - Math.round(real.result.kreis.versorgt);
    figures.push({
      value: formatSignedInteger(delta),
      text: `Einwohner in Reichweite durch das Szenario (${scenario.hypothetical.length} hypothetische, ${scenario.switchedOff.length} ausgeschaltete ${wording.plural})`,
      tone: 'neutral',
      testId: 'presentation-figure-delta',
    });
  }
  return figures;
}

/** Facilities of the category on the map that do not count (planned, closed; not those switched off). */
function notCountedOf(category: FacilityCategory, analysis: CoverageAnalysis, facilities: readonly Facility[], scenario: Scenario): number {
  const counted = new Set(analysis.facilities.map((facility) => facility.id));
  return facilities.filter(
    (facility) => facility.category === category.id && !facility.geloescht && !counted.has(facility.id) && !scenario.switchedOff.includes(facility.id),
  ).length;
}

function presentationLegend(category: FacilityCategory, analysis: CoverageAnalysis, facilities: readonly Facility[], scenario: Scenario): PresentationPicture['legend'] {
  const counted = new Set(analysis.facilities.map((facility) => facility.id));
  const approximate = facilities.some((facility) => counted.has(facility.id) && isApproximate(facility.lagegenauigkeit));
  const symbols: LegendEntry[] = [
    { kind: 'facility', category, approximate, label: `${category.label} in Betrieb${approximate ? ' (Lage teils genähert)' : ''}` },
  ];
  if (notCountedOf(category, analysis, facilities, scenario) > 0) symbols.push({ kind: 'facility-faint', category, approximate, label: 'geplant oder geschlossen (zählt nicht)' });
  if (scenario.hypothetical.length > 0) symbols.push({ kind: 'hypothetical', category, label: 'hypothetische Einrichtung (Szenario)' });
  if (scenario.switchedOff.length > 0) symbols.push({ kind: 'switched-off', label: 'im Szenario ausgeschaltet' });
  if (analysis.suggestions.length > 0) symbols.push({ kind: 'suggestion', colour: SUGGESTION_FILL, label: 'vorgeschlagener Standort' });
  return [
    {
      title: 'Anteil der Einwohner im Umkreis (je Sozialraum)',
      entries: SHARE_CLASS_LABELS.map((label, index) => ({ kind: 'fill', colour: SHARE_CLASS_COLOURS[index]!, label })),
    },
    {
      title: 'Einwohner ohne Einrichtung im Umkreis (je km²)',
      entries: GAP_CLASS_LABELS.map((label, index) => ({ kind: 'square', colour: GAP_CLASS_COLOURS[index]!, label })),
    },
    { title: 'Symbole', entries: symbols },
  ];
}

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
    const map = mountPresentationMap(element, territory);
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
  const changedAt = latestChange(facilities, category.id);
  const realCount = analysis.facilities.filter((facility) => !isHypotheticalId(facility.id)).length;
  const subtitle = [
    territory.district.name,
    `Umkreis ${formatRadiusKm(radiusKm)} Luftlinie`,
    `${formatInteger(realCount)} ${realCount === 1 ? category.label : wording.plural} in Betrieb`,
    changedAt ? `Stand der Einrichtungen ${formatChangeDate(changedAt)}` : null,
  ]
    .filter(Boolean)
    .join(' · ');
  const scenarioActive = isScenarioActive(scenario);
  const scenarioNote = scenarioActive ? 'Szenario – keine beschlossene Planung' : null;
  const figures = presentationFigures(analysis, real, category, radiusKm, scenario, territory.district.name);

  const picture = async (): Promise<HTMLCanvasElement> => {
    const map = mapRef.current;
    if (!map) throw new Error('Die Karte ist noch nicht bereit.');
    const snapshot = await map.snapshot();
    return drawPresentation({
      title,
      subtitle,
      scenarioNote,
      figures,
      legend: presentationLegend(category, analysis, facilities, scenario),
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
          <button type="button" className="button" onClick={() => void savePng()} disabled={busy !== null || live} data-testid="presentation-png">
            {busy === 'png' ? 'Bild wird erstellt …' : 'Als PNG speichern'}
          </button>
          <button type="button" className="button" onClick={() => void print()} disabled={busy !== null || live} data-testid="presentation-print">
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
          <ul className="presentation-figures">
            {figures.map((figure) => (
              <li key={figure.testId} className={`figure figure--${figure.tone}`} data-testid={figure.testId}>
                <strong>{figure.value}</strong>
                <span>{figure.text}</span>
              </li>
            ))}
          </ul>
          <div className="presentation-legend">
            <h2>Anteil der Einwohner im Umkreis (je Sozialraum)</h2>
            <ShareLegend />
            <h2>Einwohner ohne Einrichtung im Umkreis</h2>
            <GapLegend />
            <h2>Symbole</h2>
            <ScenarioLegend
              notCounted={notCountedOf(category, analysis, facilities, scenario) > 0}
              hypothetical={scenario.hypothetical.length > 0}
              switchedOff={scenario.switchedOff.length > 0}
              suggestions={analysis.suggestions.length > 0}
            />
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
