import { useEffect, useMemo, useRef, useState } from 'react';
import { coverageTableCsv } from '../../domain/coverage/analysis';
import type { CoverageRow } from '../../domain/coverage/coverage';
import { isScenarioActive } from '../../domain/coverageView/scenario';
import { notCountedText, recordedInPlanningArea } from '../../domain/coverage/counting';
import { formatResidentChange, formatResidents, formatShare, roundResidents } from '../../domain/coverage/precision';
import { coverageDeltas, coverageFileName, formatDistanceKm, rowKey } from '../../domain/coverageView/summary';
import { formatInteger } from '../../domain/format';
import { planningAreaOf } from '../../domain/territory/planningArea';
import type { AreaRef } from '../../domain/territory/summary';
import { useAtlasStore } from '../../state/atlasStore';
import { selectScenario, useCoverageStore } from '../../state/coverageStore';
import { useTerritoryStore } from '../../state/territoryStore';
import { downloadBlob } from './presentationPng';
import { SortableHeader } from '../SortableHeader';
import { useCoverageRadiusKm } from './useCoverageCategory';

type SortKey = 'name' | 'einwohner' | 'anteilVersorgt' | 'unversorgt' | 'flaecheVersorgt' | 'einrichtungen' | 'proTausend' | 'medianDistanzM' | 'maxDistanzM' | 'delta';

interface Column {
  key: SortKey;
  label: string;
  title: string;
}

const COLUMNS: Column[] = [
  { key: 'einwohner', label: 'Einwohner', title: 'Einwohner (Bevölkerungsfläche)' },
  { key: 'anteilVersorgt', label: 'versorgt', title: 'Anteil der Einwohner in Reichweite' },
  { key: 'unversorgt', label: 'unversorgt', title: 'Einwohner nicht in Reichweite' },
  { key: 'flaecheVersorgt', label: 'Fläche', title: 'Anteil der Fläche in Reichweite' },
  { key: 'einrichtungen', label: 'Einr.', title: 'Einrichtungen im Gebiet' },
  { key: 'proTausend', label: 'je 1.000', title: 'Einrichtungen je 1.000 Einwohner' },
  { key: 'medianDistanzM', label: 'Median', title: 'Median der Entfernung zur nächsten Einrichtung (Luftlinie)' },
  { key: 'maxDistanzM', label: 'Max.', title: 'Größte Entfernung zur nächsten Einrichtung (Luftlinie)' },
];

const textual = (key: SortKey) => key === 'name';

/** Whole people as in the CSV: "unversorgt" is the difference of the rounded figures. */
function figure(row: CoverageRow, key: SortKey, delta: number): number | string | null {
  switch (key) {
    case 'name':
      return row.name;
    case 'einwohner':
      return Math.round(row.einwohner);
    case 'unversorgt':
      return Math.round(row.einwohner) - Math.round(row.versorgt);
    case 'delta':
      return delta;
    default:
      return row[key];
  }
}

/**
 * The coverage per Sozialraum (or Sozialregion) with the Kreis as total row, sortable and in step
 * with the map like the area table; the CSV is exactly the one `npm run atlas -- coverage` writes.
 */
export function CoverageTable() {
  const analysis = useCoverageStore((state) => state.analysis);
  const real = useCoverageStore((state) => state.real);
  const live = useCoverageStore((state) => state.live);
  const level = useCoverageStore((state) => state.level);
  const scenario = useCoverageStore(selectScenario);
  const categoryId = useCoverageStore((state) => state.categoryId);
  const radiusKm = useCoverageRadiusKm();
  const districtId = useTerritoryStore((state) => state.districtId);
  const territory = useTerritoryStore((state) => state.territory);
  const { selection, hover, select, setHover } = useAtlasStore();
  const [sort, setSort] = useState<{ key: SortKey; direction: 'asc' | 'desc' }>({ key: 'name', direction: 'asc' });
  const selectedRow = useRef<HTMLTableRowElement>(null);
  const scenarioActive = isScenarioActive(scenario) && real !== null && analysis !== real;
  const hasRegions = (analysis?.result.sozialregionen.length ?? 0) > 0;
  const activeLevel = hasRegions ? level : 'sozialraum';

  const deltas = useMemo(() => (scenarioActive && analysis && real ? coverageDeltas(real.result, analysis.result) : null), [scenarioActive, analysis, real]);
  const rows = useMemo(() => {
    if (!analysis) return [];
    const list = activeLevel === 'sozialraum' ? analysis.result.sozialraeume : analysis.result.sozialregionen;
    const factor = sort.direction === 'asc' ? 1 : -1;
    return [...list].sort((a, b) => {
      const x = figure(a, sort.key, deltas?.get(rowKey(a)) ?? 0);
      const y = figure(b, sort.key, deltas?.get(rowKey(b)) ?? 0);
      // Unknown distances go last in either direction.
      if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
      if (typeof x === 'string' || typeof y === 'string') return factor * String(x).localeCompare(String(y), 'de');
      return factor * (x - y) || a.name.localeCompare(b.name, 'de');
    });
  }, [analysis, activeLevel, sort, deltas]);

  useEffect(() => {
    selectedRow.current?.scrollIntoView({ block: 'nearest' });
  }, [selection]);

  if (!analysis || !territory || !districtId) return null;
  const sortBy = (key: SortKey) =>
    setSort((current) => (current.key === key ? { key, direction: current.direction === 'asc' ? 'desc' : 'asc' } : { key, direction: textual(key) ? 'asc' : 'desc' }));
  const refOf = (row: CoverageRow): AreaRef | null => (row.kind === 'sozialraum' || row.kind === 'sozialregion' ? { kind: row.kind, id: row.id } : null);
  const isSelected = (row: CoverageRow) => selection?.kind === row.kind && selection.id === row.id;
  const isHovered = (row: CoverageRow) => hover?.kind === row.kind && hover.id === row.id;
  // While a scenario is on, its change stands right after the share reached, where the eye is.
  const columns: Column[] = scenarioActive
    ? [...COLUMNS.slice(0, 2), { key: 'delta', label: 'Δ Szenario', title: 'Einwohner in Reichweite: Szenario minus Ist-Stand' }, ...COLUMNS.slice(2)]
    : COLUMNS;
  const regionLevel = territory.district.regionLevel;
  const ohne = analysis.result.sozialraeume.filter((row) => row.einrichtungen === 0).length;
  const { precision } = analysis;
  const tallies = (real ?? analysis).bestand.sozialraeume;
  const outsideNames = territory.ausserhalb.features
    .filter((feature) => planningAreaOf(territory).ausserhalb.includes(feature.properties.id) && feature.properties.einwohner > 0)
    .map((feature) => feature.properties.name);

  const downloadCsv = () => {
    const shown = scenarioActive ? analysis : (real ?? analysis);
    downloadBlob(
      new Blob([coverageTableCsv(shown)], { type: 'text/csv;charset=utf-8' }),
      coverageFileName({ categoryId, radiusKm, districtId, scenario: scenarioActive }, 'csv'),
    );
  };

  const cells = (row: CoverageRow) => {
    // Whole people on an exact surface, hundreds („ca.“) on an approximate one (precision.ts).
    const unversorgt = precision.erreicht === 'exakt' ? Math.round(row.einwohner) - Math.round(row.versorgt) : row.einwohner - row.versorgt;
    const delta = deltas?.get(rowKey(row)) ?? 0;
    const inhabitants = roundResidents(row.einwohner, precision.einwohner);
    const tally = row.kind === 'sozialraum' ? tallies.get(row.id) : undefined;
    const notCounted = tally ? notCountedText(tally) : null;
    return (
      <>
        <td className="number" data-testid="coverage-cell-einwohner">
          {precision.einwohner === 'exakt' ? formatInteger(inhabitants) : `ca. ${formatInteger(inhabitants)}`}
        </td>
        <td className="number" data-testid="coverage-cell-anteil">
          <span className="share-bar" style={{ ['--share' as string]: `${Math.round(row.anteilVersorgt * 100)}%` }}>
            {formatShare(row.anteilVersorgt, precision.erreicht)}
          </span>
        </td>
        {scenarioActive && (
          <td className={`number delta${delta > 0 ? ' delta--plus' : delta < 0 ? ' delta--minus' : ' delta--zero'}`} data-testid="coverage-cell-delta">
            {formatResidentChange(delta, precision.erreicht)}
          </td>
        )}
        <td className="number" data-testid="coverage-cell-unversorgt">
          {formatResidents(unversorgt, precision.erreicht)}
        </td>
        <td className="number">{formatShare(row.flaecheVersorgt, 'exakt')}</td>
        <td className="number" data-testid="coverage-cell-einrichtungen" title={notCounted ?? undefined}>
          {row.einrichtungen === 0 && row.kind !== 'kreis' && row.kind !== 'planungsraum' ? (
            <span className="no-facility-tag" title={`keine Einrichtung dieser Kategorie in Betrieb${notCounted ? ` (${notCounted})` : ''}`}>
              keine
            </span>
          ) : (
            formatInteger(row.einrichtungen)
          )}
          {tally && notCounted && (
            <span className="not-counted-mark" aria-label={notCounted} data-testid="coverage-cell-not-counted">
              {' '}+{recordedInPlanningArea(tally) - tally.zaehlt}
            </span>
          )}
        </td>
        <td className="number">{row.proTausend.toLocaleString('de-DE', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}</td>
        <td className="number">{live ? '…' : formatDistanceKm(row.medianDistanzM)}</td>
        <td className="number">{live ? '…' : formatDistanceKm(row.maxDistanzM)}</td>
      </>
    );
  };

  return (
    <section className="coverage-table area-table" aria-label="Versorgung je Gebiet">
      <div className="coverage-table__head">
        {hasRegions && (
          <div className="segmented" role="group" aria-label="Ebene der Tabelle">
            <button type="button" aria-pressed={activeLevel === 'sozialraum'} onClick={() => useCoverageStore.getState().setLevel('sozialraum')} data-testid="coverage-level-sozialraum">
              Sozialräume ({analysis.result.sozialraeume.length})
            </button>
            <button type="button" aria-pressed={activeLevel === 'sozialregion'} onClick={() => useCoverageStore.getState().setLevel('sozialregion')} data-testid="coverage-level-sozialregion">
              {regionLevel?.plural ?? 'Sozialregionen'} ({analysis.result.sozialregionen.length})
            </button>
          </div>
        )}
        <button type="button" className="button button--small coverage-csv" onClick={downloadCsv} data-testid="coverage-export-csv" title="Semikolon, Dezimalkomma, UTF-8 – öffnet in Excel">
          {scenarioActive ? 'CSV (Szenario)' : 'CSV'}
        </button>
      </div>
      <div className="table-scroll">
        <table data-testid="coverage-table" data-live={live ? 'true' : 'false'}>
          <caption className="visually-hidden">
            Versorgung je {activeLevel === 'sozialraum' ? 'Sozialraum' : (regionLevel?.singular ?? 'Sozialregion')}, sortierbar
          </caption>
          <thead>
            <tr>
              <SortableHeader
                label={activeLevel === 'sozialraum' ? 'Sozialraum' : (regionLevel?.singular ?? 'Sozialregion')}
                title="Name"
                sortKey="name"
                sort={sort}
                onSort={sortBy}
                testId="coverage-sort-name"
              />
              {columns.map((column) => (
                <SortableHeader
                  key={column.key}
                  label={column.label}
                  title={column.title}
                  sortKey={column.key}
                  sort={sort}
                  onSort={sortBy}
                  testId={`coverage-sort-${column.key}`}
                  numeric
                />
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const ref = refOf(row);
              const classes = [isSelected(row) ? 'selected' : '', isHovered(row) ? 'hovered' : '', row.einrichtungen === 0 ? 'no-facility' : ''].join(' ').trim();
              return (
                <tr
                  key={row.id}
                  ref={isSelected(row) ? selectedRow : undefined}
                  className={classes || undefined}
                  aria-selected={isSelected(row)}
                  data-testid="coverage-row"
                  data-id={row.id}
                  data-kind={row.kind}
                  data-delta={deltas?.get(rowKey(row)) ?? 0}
                  data-ohne-einrichtung={row.einrichtungen === 0 ? 'true' : 'false'}
                  onMouseEnter={() => setHover(ref)}
                  onMouseLeave={() => setHover(null)}
                >
                  <th scope="row">
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => select(isSelected(row) ? null : ref, { focus: true })}
                      onFocus={() => setHover(ref)}
                      onBlur={() => setHover(null)}
                    >
                      {row.name}
                    </button>
                  </th>
                  {cells(row)}
                </tr>
              );
            })}
          </tbody>
          <tfoot>
            <tr className="total" data-testid="coverage-total" data-delta={deltas?.get(rowKey(analysis.result.planungsraum)) ?? 0}>
              <th scope="row">{analysis.result.planungsraum.name}</th>
              {cells(analysis.result.planungsraum)}
            </tr>
          </tfoot>
        </table>
      </div>
      <p className="table-note" data-testid="coverage-table-note">
        <span className="no-facility-tag">keine</span> {ohne} von {analysis.result.sozialraeume.length} Sozialräumen haben keine eigene Einrichtung dieser
        Kategorie in Betrieb; geplante, geschlossene und unbestätigte zählen nicht (+n: so viele sind dort erfasst).
        {outsideNames.length > 0 && ` Summe: ${analysis.result.planungsraum.name}; ${outsideNames.join(', ')} wird nicht mitgezählt.`}
        {precision.erreicht === 'gerundet' && ' Erreichte Einwohner auf Hunderte gerundet, Anteile auf ganze Prozent.'}
        {live && ' Entfernungen werden nach dem Ziehen berechnet.'}
      </p>
    </section>
  );
}

