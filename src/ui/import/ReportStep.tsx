import { Fragment, type ReactNode } from 'react';
import { formatInteger } from '../../domain/format';
import type { ImportReport } from '../../domain/import/index';
import { isSkipped, orderedForReport, type ReportRow } from '../../domain/import/wizard';

const REPORT_ROWS = 300;

/** A column of the report between the line and the messages. */
export interface ReportColumn<Row> {
  header: string;
  cell(row: Row): ReactNode;
}

interface ReportStepProps<Row extends ReportRow> {
  rows: readonly Row[];
  kind: 'csv' | 'geojson';
  summary: ImportReport;
  columns: readonly ReportColumn<Row>[];
  skipErrors: boolean;
  onSkipErrors(skip: boolean): void;
  excluded: readonly number[];
  onInclude(line: number, include: boolean): void;
  /** Kept rows that have errors: nothing is imported while there are any. */
  blocking: number;
  /** Rows the commit would send. */
  sendableCount: number;
  /** The commit button's text for that many rows. */
  commitLabel(count: number): string;
  commitError: string | null;
  busy: boolean;
  /** What the server reports while it writes („Server schreibt … 2.000 von 10.000“). */
  progressText?: string | null;
  /** Shown below a row across the table (e.g. the row beside the facility it may duplicate). */
  details?(row: Row): ReactNode;
  /** A note above the table (e.g. how many rows start unticked and why). */
  notice?: ReactNode;
  onBack(): void;
  onCommit(): void;
}

/** The checked rows with their errors and warnings, problems first; the user keeps or leaves out rows and commits. */
export function ReportStep<Row extends ReportRow>({
  rows,
  kind,
  summary,
  columns,
  skipErrors,
  onSkipErrors,
  excluded,
  onInclude,
  blocking,
  sendableCount,
  commitLabel,
  commitError,
  busy,
  progressText,
  details,
  notice,
  onBack,
  onCommit,
}: ReportStepProps<Row>) {
  const excludedLines = new Set(excluded);
  const noun = kind === 'csv' ? 'Zeile' : 'Objekt';

  return (
    <div className="import-report">
      <p className="import-summary" data-testid="import-summary">
        <span className="count">{formatInteger(summary.total)} {kind === 'csv' ? 'Zeilen' : 'Objekte'}</span>
        <span className="count count--ok">{formatInteger(summary.valid)} ohne Fehler</span>
        <span className={`count${summary.withErrors > 0 ? ' count--error' : ''}`} data-testid="import-count-errors">
          {formatInteger(summary.withErrors)} mit Fehlern
        </span>
        <span className={`count${summary.withWarnings > 0 ? ' count--warn' : ''}`}>{formatInteger(summary.withWarnings)} mit Warnungen</span>
      </p>
      {summary.withErrors > 0 && (
        <label className="checkbox">
          <input type="checkbox" checked={skipErrors} onChange={(event) => onSkipErrors(event.target.checked)} data-testid="import-skip-errors" />
          Zeilen mit Fehlern auslassen
        </label>
      )}
      {notice}
      <div className="table-scroll table-scroll--dialog">
        <table className="data-table report-table" data-testid="import-report">
          <thead>
            <tr>
              <th scope="col">
                <span className="visually-hidden">übernehmen</span>
              </th>
              <th scope="col">{noun}</th>
              {columns.map((column) => (
                <th key={column.header} scope="col">
                  {column.header}
                </th>
              ))}
              <th scope="col">Meldungen</th>
            </tr>
          </thead>
          <tbody>
            {orderedForReport(rows)
              .slice(0, REPORT_ROWS)
              .map((row) => {
                const skipped = isSkipped(row, skipErrors);
                const extra = details?.(row);
                return (
                  <Fragment key={row.line}>
                  <tr className={row.errors.length > 0 ? 'row-error' : row.warnings.length > 0 ? 'row-warn' : undefined} data-testid="import-row" data-line={row.line}>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`${noun} ${row.line} übernehmen`}
                        checked={!excludedLines.has(row.line) && !skipped}
                        disabled={skipped}
                        onChange={(event) => onInclude(row.line, event.target.checked)}
                      />
                    </td>
                    <td className="muted">{row.line}</td>
                    {columns.map((column) => (
                      <td key={column.header}>{column.cell(row)}</td>
                    ))}
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
                  {extra && (
                    <tr className="report-details" data-line={row.line}>
                      <td />
                      <td colSpan={columns.length + 2}>{extra}</td>
                    </tr>
                  )}
                  </Fragment>
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
      {commitError && (
        <p className="form-error" role="alert" data-testid="import-commit-error">
          {commitError}
        </p>
      )}
      {busy && progressText && (
        <p className="hint" data-testid="import-commit-progress" role="status">
          {progressText}
        </p>
      )}
      <div className="form-actions">
        {blocking > 0 && <span className="hint text-error">{blocking === 1 ? noun === 'Zeile' ? 'Eine gewählte Zeile hat Fehler.' : 'Ein gewähltes Objekt hat Fehler.' : `${formatInteger(blocking)} gewählte ${noun === 'Zeile' ? 'Zeilen' : 'Objekte'} haben Fehler.`}</span>}
        <button type="button" className="button" onClick={onBack} disabled={busy}>
          Zurück zur Zuordnung
        </button>
        <button type="button" className="button button--primary" disabled={busy || blocking > 0 || sendableCount === 0} onClick={onCommit} data-testid="import-commit">
          {busy ? 'Importiere …' : commitLabel(sendableCount)}
        </button>
      </div>
    </div>
  );
}
