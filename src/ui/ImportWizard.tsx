import { useMemo, useRef, useState, type DragEvent } from 'react';
import { LOCATION_PRECISIONS, type LocationPrecision } from '../domain/facilities/catalog';
import { createLocator } from '../domain/facilities/locate';
import { formatInteger } from '../domain/format';
import {
  CRS_LABELS,
  ImportFileError,
  TARGET_FIELDS,
  TARGET_FIELD_LABELS,
  buildImportRowsAsync,
  guessTableCrs,
  importReport,
  mappingProblems,
  parseImportFile,
  rowNoun,
  type ColumnMapping,
  type CoordinateCrs,
  type CrsGuess,
  type ImportPreview,
  type TargetField,
} from '../domain/import/index';
import {
  applyCategoryChoices,
  mergeServerChecks,
  unknownCategoryValues,
  type CheckedImportRow,
} from '../domain/resources/importSteps';
import { precisionLabel } from '../domain/resources/labels';
import type { FacilityFields } from '../domain/facilities/schema';
import { ApiError, errorMessage } from '../state/api';
import { checkImport, commitImport } from '../state/facilityApi';
import { useFacilityStore } from '../state/facilityStore';
import { useTerritoryStore } from '../state/territoryStore';
import { toast } from '../state/toastStore';
import { Modal } from './Modal';
import { CategorySelect } from './common/CategorySelect';

const PREVIEW_ROWS = 5;
const REPORT_ROWS = 300;

/** Target fields offered in the mapping step, grouped; derived columns of our export are left out. */
const FIELD_GROUPS: { title: string; fields: TargetField[] }[] = [
  { title: 'Pflichtangaben', fields: ['name', 'category'] },
  { title: 'Lage', fields: ['x', 'y', 'koordinaten', 'lagegenauigkeit'] },
  { title: 'Adresse und Kontakt', fields: ['traeger', 'strasse', 'hausnummer', 'plz', 'ort', 'telefon', 'email', 'web'] },
  { title: 'Angebot und Herkunft', fields: ['zielgruppen', 'angebote', 'kapazitaet', 'status', 'foerderungProgramm', 'foerderungSeit', 'quelle', 'geprueftAm'] },
];
const IGNORED_FIELDS = new Set<TargetField>(TARGET_FIELDS.filter((field) => !FIELD_GROUPS.some((group) => group.fields.includes(field))));

type Step =
  | { kind: 'file' }
  | { kind: 'mapping' }
  | { kind: 'checking'; done: number; total: number; phase: 'rows' | 'server' }
  | { kind: 'report'; rows: CheckedImportRow[] };

const ENCODING_LABELS: Record<string, string> = { 'utf-8': 'UTF-8', 'windows-1252': 'Windows-1252 (Excel)' };
const DELIMITER_LABELS: Record<string, string> = { ';': 'Semikolon', ',': 'Komma', '\t': 'Tabulator', '|': 'senkrechter Strich' };

/**
 * The import wizard: file → preview and mapping → check (in the browser, then on the server)
 * → import all or nothing. A file that cannot be read shows the parser's German message and
 * changes nothing.
 */
export function ImportWizard({ onClose }: { onClose(): void }) {
  const territory = useTerritoryStore((state) => state.territory);
  const summary = useTerritoryStore((state) => state.summary);
  const categories = useFacilityStore((state) => state.categories);
  const districtId = useFacilityStore((state) => state.districtId);
  const [step, setStep] = useState<Step>({ kind: 'file' });
  const [fileName, setFileName] = useState('');
  const [fileError, setFileError] = useState<string | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping>({});
  const [crsGuess, setCrsGuess] = useState<CrsGuess | null>(null);
  const [crs, setCrs] = useState<CoordinateCrs | ''>('');
  const [swapped, setSwapped] = useState(false);
  const [precision, setPrecision] = useState<LocationPrecision>('adresse');
  const [defaultCategory, setDefaultCategory] = useState('');
  const [categoryChoices, setCategoryChoices] = useState<Record<string, string>>({});
  const [skipErrors, setSkipErrors] = useState(false);
  const [excluded, setExcluded] = useState<Set<number>>(new Set());
  const [commitError, setCommitError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [dragOver, setDragOver] = useState(false);
  const abort = useRef<AbortController | null>(null);

  const locator = useMemo(() => (territory ? createLocator(territory) : null), [territory]);
  const crsOptions = territory ? { districtCrs: territory.district.crs, districtBbox: territory.bbox } : {};

  const readFile = async (file: File) => {
    setFileName(file.name);
    setFileError(null);
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const parsed = parseImportFile(bytes, file.name, crsOptions);
      setPreview(parsed);
      setMapping(parsed.suggestedMapping);
      setCrsGuess(parsed.crsGuess);
      setCrs(parsed.crsGuess.crs ?? '');
      setSwapped(parsed.crsGuess.swapped);
      setCategoryChoices({});
      setDefaultCategory('');
      setStep({ kind: 'mapping' });
    } catch (error) {
      setPreview(null);
      setStep({ kind: 'file' });
      setFileError(error instanceof ImportFileError ? error.message : `Die Datei konnte nicht gelesen werden: ${errorMessage(error)}`);
    }
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragOver(false);
    const file = event.dataTransfer.files[0];
    if (file) void readFile(file);
  };

  const changeMapping = (field: TargetField, value: string) => {
    if (!preview) return;
    const next: ColumnMapping = { ...mapping };
    if (value === '') delete next[field];
    else next[field] = Number(value);
    setMapping(next);
    // The coordinate columns decide the CRS guess: guess again when they change.
    if (field === 'x' || field === 'y' || field === 'koordinaten') {
      const guess = guessTableCrs(preview.table, next, crsOptions);
      setCrsGuess(guess);
      setCrs(guess.crs ?? '');
      setSwapped(guess.swapped);
    }
  };

  const problems = preview ? mappingProblems(mapping, preview.headers, { kind: preview.kind, defaultCategory: defaultCategory || null }) : [];
  const unknownValues = preview ? unknownCategoryValues(preview.table, mapping, categories) : [];
  const unassigned = unknownValues.filter((value) => !categoryChoices[value]);
  const readyToCheck = preview !== null && problems.length === 0 && crs !== '';

  const check = async () => {
    if (!preview || !districtId || crs === '') return;
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    const table = applyCategoryChoices(preview.table, mapping, categoryChoices);
    setStep({ kind: 'checking', done: 0, total: table.rows.length, phase: 'rows' });
    try {
      const rows = await buildImportRowsAsync(table, mapping, {
        crs,
        swapped,
        categories,
        defaultCategory: defaultCategory || null,
        lagegenauigkeit: precision,
        isInsideDistrict: (lngLat) => (locator ? locator(lngLat).gemeindeAgs !== null : true),
        chunkSize: 400,
        signal: controller.signal,
        onProgress: (done, total) => setStep({ kind: 'checking', done, total, phase: 'rows' }),
      });
      const sendable = rows.flatMap((row) => (row.facility ? [row.facility] : []));
      setStep({ kind: 'checking', done: rows.length, total: rows.length, phase: 'server' });
      const checks = sendable.length > 0 ? await checkImport(districtId, sendable) : [];
      if (controller.signal.aborted) return;
      setExcluded(new Set());
      setCommitError(null);
      setStep({ kind: 'report', rows: mergeServerChecks(rows, checks) });
    } catch (error) {
      if (controller.signal.aborted) return;
      setStep({ kind: 'mapping' });
      toast.error(`Prüfen fehlgeschlagen: ${errorMessage(error)}`);
    }
  };

  const close = () => {
    abort.current?.abort();
    onClose();
  };

  const title = 'Einrichtungen importieren';
  if (!territory || !summary) return null;

  return (
    <Modal title={title} onClose={close} wide testId="import-dialog">
      <ol className="wizard-steps" aria-label="Schritte">
        {['Datei wählen', 'Spalten zuordnen', 'Prüfen und importieren'].map((label, index) => {
          const current = step.kind === 'file' ? 0 : step.kind === 'mapping' ? 1 : 2;
          return (
            <li key={label} className={index === current ? 'current' : index < current ? 'done' : undefined} aria-current={index === current ? 'step' : undefined}>
              {label}
            </li>
          );
        })}
      </ol>

      {(step.kind === 'file' || step.kind === 'mapping') && (
        <div
          className={`drop-zone${dragOver ? ' drop-zone--over' : ''}${preview ? ' drop-zone--compact' : ''}`}
          onDragOver={(event) => {
            event.preventDefault();
            setDragOver(true);
          }}
          onDragLeave={() => setDragOver(false)}
          onDrop={onDrop}
          data-testid="import-drop-zone"
        >
          <p>
            {preview ? (
              <>
                <strong>{fileName}</strong> · {preview.kind === 'csv' ? 'CSV' : 'GeoJSON'}
                {preview.encoding ? ` · ${ENCODING_LABELS[preview.encoding] ?? preview.encoding}` : ''}
                {preview.delimiter ? ` · getrennt durch ${DELIMITER_LABELS[preview.delimiter] ?? preview.delimiter}` : ''} ·{' '}
                {formatInteger(preview.table.rows.length)} {preview.kind === 'csv' ? 'Zeilen' : 'Objekte'}
              </>
            ) : (
              <>
                CSV-Datei (z. B. aus Excel „CSV (Trennzeichen-getrennt)“) oder GeoJSON hierher ziehen – oder
              </>
            )}
          </p>
          <label className="button">
            {preview ? 'Andere Datei …' : 'Datei auswählen …'}
            <input
              type="file"
              accept=".csv,.txt,.tsv,.geojson,.json,text/csv,application/geo+json,application/json"
              className="visually-hidden"
              onChange={(event) => {
                const file = event.target.files?.[0];
                if (file) void readFile(file);
                event.target.value = '';
              }}
              data-testid="import-file"
            />
          </label>
        </div>
      )}
      {fileError && (
        <p className="form-error" role="alert" data-testid="import-file-error">
          {fileName ? <strong>{fileName}: </strong> : null}
          {fileError}
        </p>
      )}

      {step.kind === 'mapping' && preview && (
        <>
          <h3>Vorschau der ersten Zeilen</h3>
          <div className="table-scroll table-scroll--dialog table-scroll--preview">
            <table className="data-table preview-table" data-testid="import-preview">
              <thead>
                <tr>
                  <th scope="col">{rowNoun(preview.table)}</th>
                  {preview.headers.map((header, index) => (
                    <th key={index} scope="col">
                      {header}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {preview.table.rows.slice(0, PREVIEW_ROWS).map((row) => (
                  <tr key={row.line}>
                    <td className="muted">{row.line}</td>
                    {preview.headers.map((_, index) => (
                      <td key={index}>{row.cells[index]}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>

          <h3>Spalten zuordnen</h3>
          <div className="mapping-grid" data-testid="import-mapping">
            {FIELD_GROUPS.map((group) => (
              <fieldset key={group.title}>
                <legend>{group.title}</legend>
                {group.fields.map((field) => {
                  if (preview.kind === 'geojson' && (field === 'x' || field === 'y' || field === 'koordinaten')) return null;
                  return (
                    <label key={field} className="mapping-row">
                      <span>{TARGET_FIELD_LABELS[field]}</span>
                      <select value={mapping[field] ?? ''} onChange={(event) => changeMapping(field, event.target.value)} data-testid={`import-map-${field}`}>
                        <option value="">– nicht zugeordnet –</option>
                        {preview.headers.map((header, index) => (
                          <option key={index} value={index}>
                            {header}
                          </option>
                        ))}
                      </select>
                    </label>
                  );
                })}
              </fieldset>
            ))}
          </div>
          {[...IGNORED_FIELDS].some((field) => mapping[field] !== undefined) && (
            <p className="hint">Gemeinde, Sozialraum, ID und Version aus der Datei werden nicht übernommen: der Server berechnet sie aus der Lage.</p>
          )}

          <div className="import-options">
            {preview.kind === 'csv' || crsGuess?.crs !== 'EPSG:4326' ? (
              <label className="field">
                <span className="field__label">Koordinatensystem der Datei</span>
                <select value={crs} onChange={(event) => setCrs(event.target.value as CoordinateCrs)} data-testid="import-crs">
                  <option value="">– bitte wählen –</option>
                  {(Object.keys(CRS_LABELS) as CoordinateCrs[]).map((code) => (
                    <option key={code} value={code}>
                      {CRS_LABELS[code]}
                    </option>
                  ))}
                </select>
                <label className="checkbox">
                  <input type="checkbox" checked={swapped} onChange={(event) => setSwapped(event.target.checked)} data-testid="import-swapped" />
                  Werte vertauscht (Breite vor Länge bzw. Hochwert vor Rechtswert)
                </label>
              </label>
            ) : null}
            <label className="field">
              <span className="field__label">Lagegenauigkeit der Koordinaten</span>
              <select value={precision} onChange={(event) => setPrecision(event.target.value as LocationPrecision)} data-testid="import-precision">
                {LOCATION_PRECISIONS.map((value) => (
                  <option key={value} value={value}>
                    {precisionLabel(value)}
                  </option>
                ))}
              </select>
              <span className="hint">Gilt für Zeilen ohne eigene Angabe in einer Spalte „Lagegenauigkeit“.</span>
            </label>
            <label className="field">
              <span className="field__label">Kategorie für Zeilen ohne Kategorie</span>
              <CategorySelect
                categories={categories}
                value={defaultCategory}
                onChange={setDefaultCategory}
                emptyLabel="– keine (Kategorie ist Pflicht) –"
                testId="import-default-category"
              />
            </label>
          </div>
          {crsGuess && (crsGuess.notes.length > 0 || crsGuess.confidence === 'mehrdeutig') && (
            <div className={crsGuess.confidence === 'mehrdeutig' || crsGuess.swapped ? 'form-warning' : 'hint'} data-testid="import-crs-note">
              {crsGuess.crs ? (
                <>
                  Erkannt: {CRS_LABELS[crsGuess.crs]}
                  {crsGuess.confidence === 'mehrdeutig' ? ' (nicht eindeutig – bitte prüfen)' : ''}.{' '}
                </>
              ) : null}
              {crsGuess.notes.join(' · ')}
            </div>
          )}

          {unknownValues.length > 0 && (
            <fieldset className="category-choices" data-testid="import-category-choices">
              <legend>Unbekannte Kategorien zuordnen</legend>
              {unknownValues.map((value) => (
                <label key={value} className="mapping-row">
                  <span>„{value}“</span>
                  <CategorySelect
                    categories={categories}
                    value={categoryChoices[value] ?? ''}
                    onChange={(id) => setCategoryChoices((previous) => ({ ...previous, [value]: id }))}
                    emptyLabel="– nicht zugeordnet (Zeilen mit Fehler) –"
                    testId="import-category-choice"
                    dataValue={value}
                  />
                </label>
              ))}
            </fieldset>
          )}

          {problems.length > 0 && (
            <ul className="form-error problem-list" data-testid="import-mapping-problems">
              {problems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          )}
          <div className="form-actions">
            {unassigned.length > 0 && <span className="hint">{unassigned.length} Kategorie-Werte ohne Zuordnung</span>}
            <button type="button" className="button" onClick={close}>
              Abbrechen
            </button>
            <button type="button" className="button button--primary" disabled={!readyToCheck} onClick={() => void check()} data-testid="import-check">
              Prüfen
            </button>
          </div>
        </>
      )}

      {step.kind === 'checking' && (
        <div className="import-progress" data-testid="import-progress">
          <p>
            {step.phase === 'rows'
              ? `Prüfe Zeilen … ${formatInteger(step.done)} von ${formatInteger(step.total)}`
              : 'Prüfe auf dem Server (Landkreis, Zuständigkeit, Duplikate) …'}
          </p>
          <progress max={step.total || 1} value={step.phase === 'rows' ? step.done : undefined} />
        </div>
      )}

      {step.kind === 'report' && (
        <Report
          rows={step.rows}
          kind={preview?.kind ?? 'csv'}
          skipErrors={skipErrors}
          setSkipErrors={setSkipErrors}
          excluded={excluded}
          setExcluded={setExcluded}
          sozialraumName={(id) => (id ? (summary.byKey.get(`sozialraum:${id}`)?.name ?? id) : '–')}
          categoryLabel={(id) => categories.find((category) => category.id === id)?.label ?? id}
          error={commitError}
          busy={busy}
          onBack={() => setStep({ kind: 'mapping' })}
          onCommit={async (facilities, lines) => {
            if (!districtId) return;
            setBusy(true);
            setCommitError(null);
            try {
              const result = await commitImport(districtId, facilities, fileName);
              useFacilityStore.getState().addFacilities(result.facilities);
              toast.success(`${formatInteger(result.created)} Einrichtungen aus „${fileName}“ importiert.`);
              onClose();
            } catch (error) {
              setBusy(false);
              if (error instanceof ApiError && error.status === 422) {
                const details = (error.details as { rows?: { index: number; errors: string[] }[] } | undefined)?.rows ?? [];
                const lineList = details.map((row) => `${rowNoun({ kind: preview?.kind ?? 'csv' })} ${lines[row.index]}: ${row.errors.join(', ')}`);
                setCommitError(`${error.message} ${lineList.slice(0, 5).join(' · ')}${lineList.length > 5 ? ' …' : ''}`);
              } else {
                setCommitError(errorMessage(error));
              }
            }
          }}
        />
      )}
    </Modal>
  );
}

interface ReportProps {
  rows: CheckedImportRow[];
  kind: 'csv' | 'geojson';
  skipErrors: boolean;
  setSkipErrors(value: boolean): void;
  excluded: Set<number>;
  setExcluded(value: Set<number>): void;
  sozialraumName(id: string | null): string;
  categoryLabel(id: string): string;
  error: string | null;
  busy: boolean;
  onBack(): void;
  onCommit(facilities: FacilityFields[], lines: number[]): Promise<void>;
}

function Report({ rows, kind, skipErrors, setSkipErrors, excluded, setExcluded, sozialraumName, categoryLabel, error, busy, onBack, onCommit }: ReportProps) {
  const report = importReport(rows);
  const included = rows.filter((row) => !excluded.has(row.line) && !(skipErrors && row.errors.length > 0));
  const blocking = included.filter((row) => row.errors.length > 0).length;
  const sendable = included.filter((row) => row.facility !== null && row.errors.length === 0);
  // Problems first, so they are not lost below hundreds of good rows.
  const ordered = [...rows].sort((a, b) => Number(b.errors.length > 0) - Number(a.errors.length > 0) || Number(b.warnings.length > 0) - Number(a.warnings.length > 0) || a.line - b.line);
  const noun = kind === 'csv' ? 'Zeile' : 'Objekt';

  const toggle = (line: number, include: boolean) => {
    const next = new Set(excluded);
    if (include) next.delete(line);
    else next.add(line);
    setExcluded(next);
  };

  return (
    <div className="import-report">
      <p className="import-summary" data-testid="import-summary">
        <span className="count">{formatInteger(report.total)} {kind === 'csv' ? 'Zeilen' : 'Objekte'}</span>
        <span className="count count--ok">{formatInteger(report.valid)} ohne Fehler</span>
        <span className={`count${report.withErrors > 0 ? ' count--error' : ''}`} data-testid="import-count-errors">
          {formatInteger(report.withErrors)} mit Fehlern
        </span>
        <span className={`count${report.withWarnings > 0 ? ' count--warn' : ''}`}>{formatInteger(report.withWarnings)} mit Warnungen</span>
      </p>
      {report.withErrors > 0 && (
        <label className="checkbox">
          <input type="checkbox" checked={skipErrors} onChange={(event) => setSkipErrors(event.target.checked)} data-testid="import-skip-errors" />
          Zeilen mit Fehlern auslassen
        </label>
      )}
      <div className="table-scroll table-scroll--dialog">
        <table className="data-table report-table" data-testid="import-report">
          <thead>
            <tr>
              <th scope="col">
                <span className="visually-hidden">übernehmen</span>
              </th>
              <th scope="col">{noun}</th>
              <th scope="col">Name</th>
              <th scope="col">Kategorie</th>
              <th scope="col">Sozialraum</th>
              <th scope="col">Meldungen</th>
            </tr>
          </thead>
          <tbody>
            {ordered.slice(0, REPORT_ROWS).map((row) => {
              const skipped = skipErrors && row.errors.length > 0;
              return (
                <tr key={row.line} className={row.errors.length > 0 ? 'row-error' : row.warnings.length > 0 ? 'row-warn' : undefined} data-testid="import-row" data-line={row.line}>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`${noun} ${row.line} übernehmen`}
                      checked={!excluded.has(row.line) && !skipped}
                      disabled={skipped}
                      onChange={(event) => toggle(row.line, event.target.checked)}
                    />
                  </td>
                  <td className="muted">{row.line}</td>
                  <td>{row.fields.name ?? '–'}</td>
                  <td>{row.fields.category ? categoryLabel(row.fields.category) : '–'}</td>
                  <td>{row.facility ? sozialraumName(row.sozialraumId) : '–'}</td>
                  <td>
                    {row.errors.map((message) => (
                      <span key={message} className="message message--error">
                        {message}
                      </span>
                    ))}
                    {row.warnings.map((message) => (
                      <span key={message} className="message message--warn">
                        {message}
                      </span>
                    ))}
                    {row.errors.length === 0 && row.warnings.length === 0 && <span className="message message--ok">in Ordnung</span>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {rows.length > REPORT_ROWS && (
        <p className="hint">
          Gezeigt: {formatInteger(REPORT_ROWS)} von {formatInteger(rows.length)} Zeilen, die mit Meldungen zuerst.
        </p>
      )}
      {error && (
        <p className="form-error" role="alert" data-testid="import-commit-error">
          {error}
        </p>
      )}
      <div className="form-actions">
        {blocking > 0 && <span className="hint text-error">{formatInteger(blocking)} gewählte Zeilen haben Fehler.</span>}
        <button type="button" className="button" onClick={onBack} disabled={busy}>
          Zurück zur Zuordnung
        </button>
        <button
          type="button"
          className="button button--primary"
          disabled={busy || blocking > 0 || sendable.length === 0}
          onClick={() => void onCommit(sendable.map((row) => row.facility!), sendable.map((row) => row.line))}
          data-testid="import-commit"
        >
          {busy ? 'Importiere …' : `${formatInteger(sendable.length)} Einrichtungen importieren`}
        </button>
      </div>
    </div>
  );
}
