import { useEffect, useState } from 'react';
import { mayEditIndicators } from '../domain/indicators/schema';
import { type ReportChoice, type ReportJob, type ReportTemplate } from '../domain/report/template';
import { errorMessage } from '../state/api';
import { cancelReport, fetchReportJob, fetchReportTemplates, reportPdfUrl, saveReportTemplate, startReport } from '../state/reportApi';
import { useSessionStore } from '../state/sessionStore';
import { useTerritoryStore } from '../state/territoryStore';
import { Modal } from './Modal';

/**
 * „Bericht erstellen“: the Sozialraumprofile of the district as one PDF. Choose a saved template
 * (or the standard report), optionally the areas and the reference year, start it, watch the
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
      (list) => live && setTemplates(list),
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

  /** The choice of the form: the template's (or the standard), with areas and year where chosen. */
  const choice = (): ReportChoice => {
    const region = regions.find((each) => each.id === areas);
    return {
      kennzahlen: template?.kennzahlen ?? null,
      gebiete: region ? [`sozialregion:${region.id}`, ...region.sozialraeume.map((id) => `sozialraum:${id}`)] : (template?.gebiete ?? null),
      stichtag: year !== '' ? year : (template?.stichtag ?? null),
    };
  };

  const start = () => {
    setError(null);
    setSaved(null);
    const request = template && areas === 'alle' && year === '' ? { vorlage: template.id } : choice();
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
        setTemplateId(created.id);
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
          <select value={templateId} onChange={(event) => setTemplateId(event.target.value)} disabled={running || templates === null} data-testid="report-template">
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
      <div className="form-actions">
        {running ? (
          <button type="button" className="button" onClick={cancel} data-testid="report-cancel">
            Abbrechen
          </button>
        ) : (
          <button type="button" className="button button--primary" onClick={start} disabled={year !== '' && !/^\d{4}$/.test(year)} data-testid="report-start">
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
