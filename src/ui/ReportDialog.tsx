import { useEffect, useState } from 'react';
import { mayEditIndicators } from '../domain/facilities/permissions';
import { type ReportChoice, type ReportIndicator, type ReportJob, type ReportTemplate } from '../domain/report/template';
import { errorMessage } from '../state/api';
import { cancelReport, fetchReportJob, fetchReportTemplates, reportPdfUrl, saveReportTemplate, startReport } from '../state/reportApi';
import { useSessionStore } from '../state/sessionStore';
import { useTerritoryStore } from '../state/territoryStore';
import { Modal } from './Modal';

/**
 * „Bericht erstellen“: the Sozialraumprofile of the district as one PDF. Choose a saved template
 * (or the standard report), optionally the Kennzahlen, the areas and the reference year, start it, watch the
 * sections being drawn, cancel, download. Planung and Admin save the choice as a template.
 * Loaded on demand (Dialogs.tsx); the PDF is made on the server (src/server/report).
 */

const POLL_MS = 400;
const STANDARD = '';

export function ReportDialog({ onClose }: { onClose(): void }) {
  const district = useTerritoryStore((state) => state.districtId);
  const territory = useTerritoryStore((state) => state.territory);
  const user = useSessionStore((state) => state.user);
  const [templates, setTemplates] = useState<ReportTemplate[] | null>(null);
  const [indicators, setIndicators] = useState<ReportIndicator[]>([]);
  /** The Kennzahlen ticked; null: those of the template (or the standard choice). */
  const [picked, setPicked] = useState<string[] | null>(null);
  const [templateId, setTemplateId] = useState(STANDARD);
  const [areas, setAreas] = useState('alle');
  const [year, setYear] = useState('');
  const [job, setJob] = useState<ReportJob | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [templateName, setTemplateName] = useState('');
  const [saved, setSaved] = useState<string | null>(null);

  useEffect(() => {
    if (!district) return;
    let live = true;
    fetchReportTemplates(district).then(
      (list) => {
        if (!live) return;
        setTemplates(list.vorlagen);
        setIndicators(list.kennzahlen);
      },
      (failure) => live && setError(errorMessage(failure)),
    );
    return () => {
      live = false;
    };
  }, [district]);

  // Poll the running job until it is done, cancelled or failed.
  const running = job?.status === 'laeuft';
  const jobId = job?.id;
  useEffect(() => {
    if (!running || !jobId) return;
    const timer = setTimeout(() => {
      fetchReportJob(jobId).then(setJob, (failure) => setError(errorMessage(failure)));
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [running, jobId, job]);

  if (!district || !territory) return null;
  const template = templates?.find((each) => each.id === templateId) ?? null;
  const regions = territory.sozialregionen.features.map((feature) => feature.properties);
  const known = new Set(indicators.map((entry) => entry.id));
  const defaultIds = template?.kennzahlen ?? indicators.filter((entry) => entry.standard).map((entry) => entry.id);
  const chosenIds = picked ?? defaultIds;
  const toggle = (id: string, on: boolean) => {
    const next = new Set(chosenIds);
    if (on) next.add(id);
    else next.delete(id);
    // In the catalogue's order, which is the report's; the template's unknown ones stay out.
    setPicked(indicators.filter((entry) => next.has(entry.id)).map((entry) => entry.id));
  };
  const chooseTemplate = (id: string) => {
    setTemplateId(id);
    setPicked(null);
  };

  /** The choice of the form: the template's (or the standard), with areas and year where chosen. */
  const choice = (): ReportChoice => {
    const region = regions.find((each) => each.id === areas);
    return {
      kennzahlen: picked ?? template?.kennzahlen ?? null,
      gebiete: region ? [`sozialregion:${region.id}`, ...region.sozialraeume.map((id) => `sozialraum:${id}`)] : (template?.gebiete ?? null),
      stichtag: year !== '' ? year : (template?.stichtag ?? null),
    };
  };

  const start = () => {
    setError(null);
    setSaved(null);
    const request = template && picked === null && areas === 'alle' && year === '' ? { vorlage: template.id } : choice();
    startReport(district, request).then(setJob, (failure) => setError(errorMessage(failure)));
  };
  const cancel = () => {
    if (!jobId) return;
    cancelReport(jobId).then(setJob, (failure) => setError(errorMessage(failure)));
  };
  const save = () => {
    setError(null);
    saveReportTemplate(district, { ...choice(), name: templateName }).then(
      (created) => {
        setTemplates((list) => [...(list ?? []), created].sort((a, b) => a.name.localeCompare(b.name, 'de')));
        chooseTemplate(created.id);
        setAreas('alle');
        setYear('');
        setSaved(`Vorlage „${created.name}“ gespeichert.`);
      },
      (failure) => setError(errorMessage(failure)),
    );
  };

  const percent = job && job.gesamt > 0 ? Math.round((job.fertig / job.gesamt) * 100) : 0;
  return (
    <Modal title="Bericht erstellen" onClose={onClose} testId="report-dialog">
      <p className="muted small">
        Die Sozialraumprofile für den {territory.district.name} als ein PDF (A4): Titelseite mit Quellen, Inhalt, Übersicht und je Sozialregion und Sozialraum ein
        Abschnitt mit Karte, Kennzahlen gegen den Planungsraum, Spine-Diagrammen, Verlauf und Einrichtungen. Kleine Zahlen sind geschützt („•“).
      </p>
      <div className="form">
        <label className="field">
          <span className="field__label">Vorlage</span>
          <select value={templateId} onChange={(event) => chooseTemplate(event.target.value)} disabled={running || templates === null} data-testid="report-template">
            <option value={STANDARD}>Standardbericht (alle Gebiete, neuester Stand)</option>
            {(templates ?? []).map((each) => (
              <option key={each.id} value={each.id}>
                {each.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">Gebiete</span>
          <select value={areas} onChange={(event) => setAreas(event.target.value)} disabled={running} data-testid="report-areas">
            <option value="alle">{template?.gebiete ? 'wie in der Vorlage' : 'alle Sozialregionen und Sozialräume'}</option>
            {regions.map((region) => (
              <option key={region.id} value={region.id}>
                nur {region.name} und ihre Sozialräume
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">Stichtag (Jahr, leer: neuester Stand)</span>
          <input value={year} onChange={(event) => setYear(event.target.value.trim())} inputMode="numeric" maxLength={4} placeholder={template?.stichtag ?? 'JJJJ'} disabled={running} data-testid="report-year" />
        </label>
      </div>
      <IndicatorChoice
        indicators={indicators}
        chosen={chosenIds}
        origin={picked !== null ? 'eigene Auswahl' : template?.kennzahlen ? 'wie in der Vorlage' : 'Standardauswahl'}
        disabled={running}
        onToggle={toggle}
        onReset={() => setPicked(null)}
        unknown={chosenIds.filter((id) => indicators.length > 0 && !known.has(id))}
      />
      <div className="form-actions">
        {running ? (
          <button type="button" className="button" onClick={cancel} data-testid="report-cancel">
            Abbrechen
          </button>
        ) : (
          <button type="button" className="button button--primary" onClick={start} disabled={(year !== '' && !/^\d{4}$/.test(year)) || (indicators.length > 0 && chosenIds.length === 0)} data-testid="report-start">
            Bericht erstellen
          </button>
        )}
      </div>
      {job && (
        <div className="report-status" data-testid="report-status" data-status={job.status} role="status">
          <progress max={100} value={percent} aria-label="Fortschritt des Berichts" data-testid="report-progress" data-done={job.fertig} data-total={job.gesamt} />
          <span>{job.meldung}</span>
          {job.status === 'fertig' && job.dateiname && (
            <a className="button button--primary" href={reportPdfUrl(job.id)} download={job.dateiname} data-testid="report-download">
              PDF herunterladen ({job.seiten} Seiten)
            </a>
          )}
        </div>
      )}
      {error && (
        <p className="form-error" role="alert" data-testid="report-error">
          {error}
        </p>
      )}
      {mayEditIndicators(user) && (
        <details className="report-save">
          <summary>Diese Auswahl als Vorlage speichern</summary>
          <label className="field">
            <span className="field__label">Name der Vorlage</span>
            <input value={templateName} onChange={(event) => setTemplateName(event.target.value)} maxLength={120} data-testid="report-template-name" />
          </label>
          <button type="button" className="button" onClick={save} disabled={templateName.trim() === ''} data-testid="report-template-save">
            Speichern
          </button>
          {saved && <p data-testid="report-template-saved">{saved}</p>}
        </details>
      )}
    </Modal>
  );
}

interface IndicatorChoiceProps {
  indicators: readonly ReportIndicator[];
  chosen: readonly string[];
  /** Where the ticks come from: „Standardauswahl“, „wie in der Vorlage“, „eigene Auswahl“. */
  origin: string;
  disabled: boolean;
  onToggle(id: string, on: boolean): void;
  onReset(): void;
  /** Chosen ids (a template's) that have no values any more. */
  unknown: readonly string[];
}

/** The Kennzahlen of the report as checkboxes by theme, folded under a line that says how many are chosen. */
function IndicatorChoice({ indicators, chosen, origin, disabled, onToggle, onReset, unknown }: IndicatorChoiceProps) {
  if (indicators.length === 0) return null;
  const ticked = new Set(chosen);
  const themes = [...new Set(indicators.map((entry) => entry.thema))];
  const count = indicators.filter((entry) => ticked.has(entry.id)).length;
  return (
    <details className="report-indicators" data-testid="report-indicators">
      <summary>
        Kennzahlen: {origin}, {count} von {indicators.length}
      </summary>
      {themes.map((theme) => (
        <fieldset key={theme} className="report-indicators__theme">
          <legend>{theme}</legend>
          {indicators
            .filter((entry) => entry.thema === theme)
            .map((entry) => (
              <label key={entry.id} className="checkbox">
                <input type="checkbox" checked={ticked.has(entry.id)} disabled={disabled} onChange={(event) => onToggle(entry.id, event.target.checked)} data-kennzahl={entry.id} />
                {entry.name}
              </label>
            ))}
        </fieldset>
      ))}
      {count === 0 && (
        <p className="form-error" role="alert">
          Bitte mindestens eine Kennzahl wählen.
        </p>
      )}
      {unknown.length > 0 && <p className="muted small">Ohne Werte und darum nicht im Bericht: {unknown.join(', ')}.</p>}
      <button type="button" className="button" onClick={onReset} disabled={disabled}>
        Auswahl zurücksetzen
      </button>
    </details>
  );
}
