import { useEffect, useMemo, useRef } from 'react';
import { FACILITY_STATUSES, LOCATION_PRECISIONS } from '../domain/facilities/catalog';
import type { Facility } from '../domain/facilities/schema';
import { formatInteger } from '../domain/format';
import {
  NO_SOZIALRAUM,
  filterQuery,
  isFilterActive,
  sortFacilities,
  type FacilitySortKey,
} from '../domain/resources/filter';
import { isApproximate, precisionLabel } from '../domain/resources/labels';
import { useDialogStore } from '../state/dialogStore';
import { exportUrl } from '../state/facilityApi';
import { restoreFacility } from '../app/facilityActions';
import { selectFilteredFacilities, useFacilityStore } from '../state/facilityStore';
import { useTerritoryStore } from '../state/territoryStore';
import { FacilitySymbol } from './FacilitySymbol';
import { CategorySelect } from './common/CategorySelect';
import { usePermissions } from './permissions';
import { SortableHeader } from './SortableHeader';

/** More rows make the table slow without helping anyone; the filter narrows them down. */
const ROW_LIMIT = 500;

interface Column {
  key: FacilitySortKey;
  label: string;
}

const COLUMNS: Column[] = [
  { key: 'name', label: 'Einrichtung' },
  { key: 'category', label: 'Kategorie' },
  { key: 'sozialraum', label: 'Sozialraum' },
  { key: 'status', label: 'Status' },
];

/**
 * The facilities of the district as a filterable, sortable table in step with the map: the
 * same filter decides what the map draws, and selection and hover go both ways.
 */
export function FacilityTable() {
  const state = useFacilityStore();
  const { categories, facilities, filter, sort, selectedId, hoverId, status, error, districtId } = state;
  const summary = useTerritoryStore((s) => s.summary);
  const territory = useTerritoryStore((s) => s.territory);
  const showDialog = useDialogStore((s) => s.show);
  const { user, canAdd, canEditAt } = usePermissions();
  const selectedRow = useRef<HTMLTableRowElement>(null);

  const filtered = selectFilteredFacilities(state);
  const categoryById = useMemo(() => new Map(categories.map((category) => [category.id, category])), [categories]);
  const sozialraumName = (id: string | null) =>
    id ? (summary?.byKey.get(`sozialraum:${id}`)?.name ?? id) : 'außerhalb der Sozialräume';
  const rows = useMemo(
    () =>
      sortFacilities(filtered, sort.key, sort.direction, {
        categoryLabel: (id) => categoryById.get(id)?.label ?? id,
        sozialraumName,
      }),
    // sozialraumName only depends on the summary
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [filtered, sort, categoryById, summary],
  );

  useEffect(() => {
    selectedRow.current?.scrollIntoView({ block: 'nearest' });
  }, [selectedId]);

  if (status === 'signin-required') {
    return (
      <section className="facility-table" data-testid="facility-signin-required">
        <div className="empty-state">
          <p>
            <strong>Bitte melden Sie sich an</strong>, um die Einrichtungen des Landkreises zu sehen.
          </p>
          <button type="button" className="button button--primary" onClick={() => showDialog('login')}>
            Anmelden
          </button>
        </div>
      </section>
    );
  }
  if (status === 'error') {
    return (
      <section className="facility-table">
        <p className="notice notice--error" role="alert" data-testid="facility-load-error">
          Die Einrichtungen konnten nicht geladen werden: {error}
        </p>
      </section>
    );
  }
  if (!territory || !summary) return null;

  const activeTotal = facilities.filter((facility) => !facility.geloescht).length;
  const deletedTotal = facilities.length - activeTotal;
  const total = filter.geloescht === 'nein' ? activeTotal : filter.geloescht === 'ja' ? deletedTotal : facilities.length;
  const query = filterQuery(filter);
  return (
    <section className="facility-table" aria-label="Tabelle der Einrichtungen" data-testid="facility-table-section">
      <div className="toolbar">
        <button
          type="button"
          className="button button--primary"
          onClick={() => state.startAdd()}
          disabled={!canAdd || state.mode === 'add'}
          title={!user ? 'Zum Hinzufügen bitte anmelden' : canAdd ? 'Danach auf die Karte klicken' : 'Ihre Rolle darf hier keine Einrichtungen anlegen'}
          data-testid="facility-add"
        >
          + Einrichtung hinzufügen
        </button>
        <button
          type="button"
          className="button"
          onClick={() => showDialog('import')}
          disabled={!canAdd}
          title={!user ? 'Zum Importieren bitte anmelden' : 'Einrichtungen aus einer CSV-, Excel- oder GeoJSON-Datei übernehmen'}
          data-testid="import-open"
        >
          Importieren …
        </button>
        <button
          type="button"
          className="button"
          onClick={() => showDialog('imports')}
          disabled={!user}
          title={!user ? 'Zum Ansehen der Importe bitte anmelden' : 'Alle Importe mit Datum, Datei und Person; einen als Ganzes rückgängig machen'}
          data-testid="imports-open"
        >
          Importe …
        </button>
      </div>

      <div className="filters" role="group" aria-label="Filter">
        <label className="filter filter--search">
          <span className="visually-hidden">Suche</span>
          <input
            type="search"
            placeholder="Suche nach Name, Träger, Adresse, Angebot …"
            value={filter.q}
            onChange={(event) => state.setFilter({ q: event.target.value })}
            data-testid="facility-filter-q"
          />
        </label>
        <label className="filter">
          <span>Kategorie</span>
          <CategorySelect
            categories={categories}
            value={filter.category ?? ''}
            onChange={(id) => state.setFilter({ category: id || null })}
            emptyLabel="alle"
            testId="facility-filter-category"
          />
        </label>
        <label className="filter">
          <span>Sozialraum</span>
          <select value={filter.sozialraum ?? ''} onChange={(e) => state.setFilter({ sozialraum: e.target.value || null })} data-testid="facility-filter-sozialraum">
            <option value="">alle</option>
            {[...summary.sozialraeume]
              .sort((a, b) => a.name.localeCompare(b.name, 'de'))
              .map((area) => (
                <option key={area.id} value={area.id}>
                  {area.name}
                </option>
              ))}
            <option value={NO_SOZIALRAUM}>außerhalb der Sozialräume</option>
          </select>
        </label>
        <label className="filter">
          <span>Status</span>
          <select
            value={filter.status ?? ''}
            onChange={(e) => state.setFilter({ status: (e.target.value || null) as (typeof FACILITY_STATUSES)[number] | null })}
            data-testid="facility-filter-status"
          >
            <option value="">alle</option>
            {FACILITY_STATUSES.map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </select>
        </label>
        <label className="filter">
          <span>Lagegenauigkeit</span>
          <select
            value={filter.lagegenauigkeit ?? ''}
            onChange={(e) => state.setFilter({ lagegenauigkeit: (e.target.value || null) as (typeof LOCATION_PRECISIONS)[number] | null })}
            data-testid="facility-filter-precision"
          >
            <option value="">alle</option>
            {LOCATION_PRECISIONS.map((value) => (
              <option key={value} value={value}>
                {precisionLabel(value)}
              </option>
            ))}
          </select>
        </label>
        <label className="filter filter--check">
          <input
            type="checkbox"
            checked={filter.geloescht !== 'nein'}
            onChange={(e) => state.setFilter({ geloescht: e.target.checked ? 'alle' : 'nein' })}
            data-testid="facility-filter-deleted"
          />
          Gelöschte anzeigen{deletedTotal > 0 ? ` (${formatInteger(deletedTotal)})` : ''}
        </label>
      </div>

      <div className="table-meta">
        <span data-testid="facility-count" role="status">
          {status === 'loading' ? 'Lade Einrichtungen …' : `${formatInteger(filtered.length)} von ${formatInteger(total)} Einrichtungen`}
        </span>
        {isFilterActive(filter) && (
          <button type="button" className="link-button" onClick={() => state.resetFilter()} data-testid="facility-filter-reset">
            Filter zurücksetzen
          </button>
        )}
        <span className="table-meta__export">
          Export:{' '}
          <a className="button button--small" href={districtId ? exportUrl(districtId, 'csv', query) : undefined} download data-testid="export-csv">
            CSV
          </a>{' '}
          <a className="button button--small" href={districtId ? exportUrl(districtId, 'geojson', query) : undefined} download data-testid="export-geojson">
            GeoJSON
          </a>
        </span>
      </div>

      <div className="table-scroll">
        <table data-testid="facility-table">
          <caption className="visually-hidden">Einrichtungen im {territory.district.name}, gefiltert und sortierbar</caption>
          <thead>
            <tr>
              {COLUMNS.map((column) => (
                <SortableHeader
                  key={column.key}
                  label={column.label}
                  sortKey={column.key}
                  sort={sort}
                  onSort={state.sortBy}
                  testId={`facility-sort-${column.key}`}
                />
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, ROW_LIMIT).map((facility) => (
              <FacilityRow
                key={facility.id}
                facility={facility}
                categoryLabel={categoryById.get(facility.category)?.label ?? facility.category}
                category={categoryById.get(facility.category)}
                sozialraum={facility.sozialraumId ? sozialraumName(facility.sozialraumId) : '–'}
                selected={facility.id === selectedId}
                hovered={facility.id === hoverId}
                rowRef={facility.id === selectedId ? selectedRow : undefined}
                canRestore={facility.geloescht && canEditAt(facility.sozialraumId)}
                onSelect={() => state.select(facility.id === selectedId ? null : facility.id, { focus: true })}
                onHover={(on) => state.setHover(on ? facility.id : null)}
              />
            ))}
            {rows.length === 0 && status === 'ready' && (
              <tr>
                <td colSpan={COLUMNS.length} className="empty-row">
                  {facilities.length === 0 ? 'Noch keine Einrichtungen erfasst.' : 'Keine Einrichtung passt zum Filter.'}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {rows.length > ROW_LIMIT && (
        <p className="table-note">
          Die ersten {formatInteger(ROW_LIMIT)} von {formatInteger(rows.length)} Zeilen; die Karte zeigt alle. Filter grenzen die Liste ein.
        </p>
      )}
      <p className="table-note">
        <FacilitySymbol category={categories[0]} approximate size={14} /> hohles Symbol: Lage nur genähert (Ortslage oder Gemeinde) – bitte prüfen
      </p>
    </section>
  );
}

interface RowProps {
  facility: Facility;
  category: Parameters<typeof FacilitySymbol>[0]['category'];
  categoryLabel: string;
  sozialraum: string;
  selected: boolean;
  hovered: boolean;
  canRestore: boolean;
  rowRef: React.Ref<HTMLTableRowElement> | undefined;
  onSelect(): void;
  onHover(on: boolean): void;
}

function FacilityRow({ facility, category, categoryLabel, sozialraum, selected, hovered, canRestore, rowRef, onSelect, onHover }: RowProps) {
  const approximate = isApproximate(facility.lagegenauigkeit);
  const className = [selected ? 'selected' : '', hovered ? 'hovered' : '', facility.geloescht ? 'deleted' : ''].join(' ').trim();
  return (
    <tr
      ref={rowRef}
      data-testid="facility-row"
      data-id={facility.id}
      aria-selected={selected}
      className={className || undefined}
      onMouseEnter={() => onHover(true)}
      onMouseLeave={() => onHover(false)}
    >
      <th scope="row">
        <span className="facility-name-cell">
          <FacilitySymbol category={category} approximate={approximate} size={16} />
          <span>
            <button type="button" className="link-button" onClick={onSelect} onFocus={() => onHover(true)} onBlur={() => onHover(false)} data-testid="facility-row-name">
              {facility.name}
            </button>
            <span className="facility-row-sub">
              {[facility.strasse, facility.ort].filter(Boolean).join(', ')}
              {approximate && (
                <span className="badge badge--warn" title={`Lage: ${precisionLabel(facility.lagegenauigkeit)}`}>
                  Lage genähert
                </span>
              )}
              {facility.geloescht && <span className="badge badge--deleted">gelöscht</span>}
              {facility.geloescht && canRestore && (
                <button type="button" className="link-button restore-link" onClick={() => void restoreFacility(facility)} data-testid="facility-row-restore">
                  Wiederherstellen
                </button>
              )}
            </span>
          </span>
        </span>
      </th>
      <td>{categoryLabel}</td>
      <td>{sozialraum}</td>
      <td>
        <span className={`status status--${facility.status.replace(' ', '-')}`}>{facility.status}</span>
      </td>
    </tr>
  );
}
