import { useEffect, useMemo, useRef, useState } from 'react';
import { formatDecimal, formatInteger } from '../domain/format';
import { sortAreas, type AreaRef, type AreaSummary, type SortKey } from '../domain/territory/summary';
import { useAtlasStore } from '../state/atlasStore';
import { SortableHeader } from './SortableHeader';
import { useTerritoryStore } from '../state/territoryStore';

type Level = 'sozialraum' | 'sozialregion';

interface Column {
  key: SortKey;
  label: string;
  numeric: boolean;
}

/**
 * All Sozialräume (or Sozialregionen) as a sortable table in step with the map. It is also
 * the keyboard and screen-reader route to every area: each name is a button.
 */
export function AreaTable() {
  const summary = useTerritoryStore((state) => state.summary);
  const territory = useTerritoryStore((state) => state.territory);
  const { selection, hover, sort, select, setHover, sortBy } = useAtlasStore();
  const [level, setLevel] = useState<Level>('sozialraum');
  const hasRegions = (summary?.sozialregionen.length ?? 0) > 0;
  const activeLevel: Level = hasRegions ? level : 'sozialraum';
  const selectedRow = useRef<HTMLTableRowElement>(null);

  const rows = useMemo(() => {
    if (!summary) return [];
    return sortAreas(activeLevel === 'sozialraum' ? summary.sozialraeume : summary.sozialregionen, sort.key, sort.direction);
  }, [summary, activeLevel, sort]);

  useEffect(() => {
    selectedRow.current?.scrollIntoView({ block: 'nearest' });
  }, [selection]);

  if (!summary || !territory) return null;
  const regionLabel = territory.district.regionLevel?.singular ?? 'Sozialregion';
  const columns: Column[] = [
    { key: 'name', label: activeLevel === 'sozialraum' ? 'Sozialraum' : regionLabel, numeric: false },
    ...(hasRegions && activeLevel === 'sozialraum' ? [{ key: 'sozialregion' as const, label: regionLabel, numeric: false }] : []),
    { key: 'einwohner', label: 'Einwohner', numeric: true },
    { key: 'flaecheKm2', label: 'km²', numeric: true },
    { key: 'dichte', label: 'Einw./km²', numeric: true },
  ];
  const isSelected = (ref: AreaRef) => selection?.kind === ref.kind && selection.id === ref.id;
  const isHovered = (ref: AreaRef) => hover?.kind === ref.kind && hover.id === ref.id;
  const threshold = territory.district.validityThreshold.einwohner;

  return (
    <section className="area-table" aria-label="Tabelle der Gebiete">
      {hasRegions && (
        <div className="segmented" role="group" aria-label="Ebene der Tabelle">
          <button type="button" aria-pressed={activeLevel === 'sozialraum'} onClick={() => setLevel('sozialraum')} data-testid="table-level-sozialraum">
            Sozialräume ({summary.sozialraeume.length})
          </button>
          <button type="button" aria-pressed={activeLevel === 'sozialregion'} onClick={() => setLevel('sozialregion')} data-testid="table-level-sozialregion">
            {territory.district.regionLevel?.plural} ({summary.sozialregionen.length})
          </button>
        </div>
      )}
      <div className="table-scroll">
        <table data-testid="sozialraum-table">
          <caption className="visually-hidden">
            {activeLevel === 'sozialraum' ? 'Sozialräume' : territory.district.regionLevel?.plural} im {territory.district.name}, sortierbar
          </caption>
          <thead>
            <tr>
              {columns.map((column) => (
                <SortableHeader
                  key={column.key}
                  label={column.label}
                  sortKey={column.key}
                  sort={sort}
                  onSort={sortBy}
                  numeric={column.numeric}
                  testId={`sort-${column.key}`}
                />
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((area) => (
              <Row
                key={area.id}
                area={area}
                showRegion={hasRegions && activeLevel === 'sozialraum'}
                selected={isSelected(area)}
                hovered={isHovered(area)}
                rowRef={isSelected(area) ? selectedRow : undefined}
                belowThreshold={area.einwohner < threshold}
                onSelect={() => select(isSelected(area) ? null : { kind: area.kind, id: area.id }, { focus: true })}
                onHover={(on) => setHover(on ? { kind: area.kind, id: area.id } : null)}
              />
            ))}
          </tbody>
          <tfoot>
            {summary.ausserhalb.map((area) => (
              <tr key={area.id} className={isSelected(area) ? 'selected' : undefined}>
                <th scope="row">
                  <button type="button" className="link-button" onClick={() => select({ kind: 'ausserhalb', id: area.id }, { focus: true })}>
                    {area.name}
                  </button>
                  <span className="muted"> · {area.art}</span>
                </th>
                {hasRegions && activeLevel === 'sozialraum' && <td />}
                <td className="number">{formatInteger(area.einwohner)}</td>
                <td className="number">{formatDecimal(area.flaecheKm2)}</td>
                <td className="number">{formatInteger(area.dichte)}</td>
              </tr>
            ))}
            <tr className="total" data-testid="kreis-total">
              <th scope="row">{territory.district.name}</th>
              {hasRegions && activeLevel === 'sozialraum' && <td />}
              <td className="number">{formatInteger(summary.kreis.einwohner)}</td>
              <td className="number">{formatDecimal(summary.kreis.flaecheKm2)}</td>
              <td className="number">{formatInteger(summary.kreis.dichte)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
      <p className="table-note">
        <span className="threshold-mark" aria-hidden="true">◆</span> unter {formatInteger(threshold)} Einwohnern (Richtwert für valide kleinräumige Daten)
      </p>
    </section>
  );
}

interface RowProps {
  area: AreaSummary;
  showRegion: boolean;
  selected: boolean;
  hovered: boolean;
  belowThreshold: boolean;
  rowRef: React.Ref<HTMLTableRowElement> | undefined;
  onSelect(): void;
  onHover(on: boolean): void;
}

function Row({ area, showRegion, selected, hovered, belowThreshold, rowRef, onSelect, onHover }: RowProps) {
  return (
    <tr
      ref={rowRef}
      data-testid="sozialraum-row"
      data-id={area.id}
      aria-selected={selected}
      className={[selected ? 'selected' : '', hovered ? 'hovered' : ''].join(' ').trim() || undefined}
      onMouseEnter={() => onHover(true)}
      onMouseLeave={() => onHover(false)}
    >
      <th scope="row">
        <button type="button" className="link-button" onClick={onSelect} onFocus={() => onHover(true)} onBlur={() => onHover(false)}>
          {area.name}
        </button>
        {belowThreshold && (
          <span className="threshold-mark" title="unter dem Richtwert für valide kleinräumige Daten">
            {' '}◆
          </span>
        )}
      </th>
      {showRegion && <td>{area.sozialregion?.name ?? '–'}</td>}
      <td className="number">{formatInteger(area.einwohner)}</td>
      <td className="number">{formatDecimal(area.flaecheKm2)}</td>
      <td className="number">{formatInteger(area.dichte)}</td>
    </tr>
  );
}
