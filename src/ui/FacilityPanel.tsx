import { Fragment, useEffect, useState } from 'react';
import type { Facility, FacilityVersion } from '../domain/facilities/schema';
import { changedFields, type FieldKey } from '../domain/resources/changes';
import {
  ACTION_LABELS,
  FIELD_LABELS,
  formatFieldValue,
  formatTimestamp,
  isApproximate,
  precisionLabel,
} from '../domain/resources/labels';
import { facilityDetailsRows, type DetailsRow } from '../domain/resources/detailsRows';
import { errorMessage } from '../state/api';
import { deleteFacility, restoreFacility, revertFacility } from '../app/facilityActions';
import { selectFacility, useFacilityStore } from '../state/facilityStore';
import { useTerritoryStore } from '../state/territoryStore';
import { FacilityForm } from './FacilityForm';
import { symbolVariantOf } from '../domain/resources/symbols';
import { FacilitySymbol } from './FacilitySymbol';
import { PanelHeader } from './common/PanelHeader';
import { usePermissions } from './permissions';

/** The panel over the map for facilities: details of the selected one, or the form. */
export function FacilityPanel() {
  const selectedId = useFacilityStore((state) => state.selectedId);
  const editingId = useFacilityStore((state) => state.editingId);
  const mode = useFacilityStore((state) => state.mode);
  const draft = useFacilityStore((state) => state.draft);
  const facility = useFacilityStore((state) => selectFacility(state, state.selectedId));

  if (mode === 'add' && draft) return <FacilityForm key="neu" facility={null} />;
  if (editingId && facility && editingId === facility.id) return <FacilityForm key={facility.id} facility={facility} />;
  if (selectedId && facility) return <FacilityDetails facility={facility} />;
  return null;
}

function FacilityDetails({ facility }: { facility: Facility }) {
  const categories = useFacilityStore((state) => state.categories);
  const select = useFacilityStore((state) => state.select);
  const startEdit = useFacilityStore((state) => state.startEdit);
  const busy = useFacilityStore((state) => state.busy);
  const territory = useTerritoryStore((state) => state.territory);
  const summary = useTerritoryStore((state) => state.summary);
  const { user, canEditAt } = usePermissions();
  const category = categories.find((item) => item.id === facility.category);
  const mayEdit = canEditAt(facility.sozialraumId);

  useEffect(() => {
    const closeOnEscape = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !document.querySelector('dialog[open]')) select(null);
    };
    window.addEventListener('keydown', closeOnEscape);
    return () => window.removeEventListener('keydown', closeOnEscape);
  }, [select]);

  const gemeinde = territory?.gemeinden.features.find((f) => f.properties.ags === facility.gemeindeAgs)?.properties;
  const sozialraum = facility.sozialraumId ? summary?.byKey.get(`sozialraum:${facility.sozialraumId}`) : undefined;
  const ausserhalb = gemeinde?.ausserhalbId ? summary?.byKey.get(`ausserhalb:${gemeinde.ausserhalbId}`) : undefined;
  const rows = facilityDetailsRows(facility, categories);
  // Derived from the location, they open its part of the list.
  const locationRows = (
    <>
      <Field label="Gemeinde" value={gemeinde ? gemeinde.name : 'außerhalb des Landkreises'} testId="facility-panel-gemeinde" />
      <Field
        label="Sozialraum"
        value={sozialraum ? `${sozialraum.name}${sozialraum.sozialregion ? ` (${sozialraum.sozialregion.name})` : ''}` : (ausserhalb?.name ? `keiner – ${ausserhalb.name}` : 'keiner')}
        testId="facility-panel-sozialraum"
      />
    </>
  );
  const approximate = isApproximate(facility.lagegenauigkeit);
  const refusal = !user ? 'Zum Bearbeiten bitte anmelden' : mayEdit ? undefined : 'Diese Einrichtung liegt außerhalb Ihrer Zuständigkeit';

  return (
    <aside className="area-panel facility-panel" data-testid="facility-panel" aria-labelledby="facility-panel-name">
      <PanelHeader
        kind={
          <>
            <FacilitySymbol category={category} variant={symbolVariantOf(facility)} size={16} /> {category?.label ?? facility.category}
          </>
        }
        title={facility.name}
        titleId="facility-panel-name"
        titleTestId="facility-panel-name"
        onClose={() => select(null)}
      />

      <div className="badges">
        <span className={`status status--${facility.status.replace(' ', '-')}`}>{facility.status}</span>
        {facility.bestaetigung === 'unbestätigt' && (
          <span className="badge badge--warn" title="aus öffentlichen Hinweisen, nicht bestätigt: zählt in der Versorgungsanalyse nicht" data-testid="facility-panel-unbestaetigt">
            unbestätigt
          </span>
        )}
        {facility.geloescht && <span className="badge badge--deleted">gelöscht</span>}
      </div>
      {approximate && (
        <p className="validity-note" role="note" data-testid="facility-approximate-note">
          <strong>Lage nur genähert</strong> ({precisionLabel(facility.lagegenauigkeit)}): Das Symbol steht nicht an der Adresse.
          {mayEdit ? ' Ziehen Sie es an die richtige Stelle und setzen Sie die Lagegenauigkeit auf „Adresse“.' : ''}
        </p>
      )}

      <div className="panel-actions">
        {!facility.geloescht && (
          <>
            <button type="button" className="button button--primary" disabled={!mayEdit || busy} title={refusal} onClick={() => startEdit(facility.id)} data-testid="facility-edit">
              Bearbeiten
            </button>
            <button type="button" className="button button--danger" disabled={!mayEdit || busy} title={refusal} onClick={() => void deleteFacility(facility)} data-testid="facility-delete">
              Löschen
            </button>
          </>
        )}
        {facility.geloescht && (
          <button type="button" className="button button--primary" disabled={!mayEdit || busy} title={refusal} onClick={() => void restoreFacility(facility)} data-testid="facility-restore">
            Wiederherstellen
          </button>
        )}
      </div>

      <dl className="figures facility-figures">
        {rows.map((row) =>
          row.key === 'lage' ? (
            <Fragment key="lage">
              {locationRows}
              <DetailsField row={row} />
            </Fragment>
          ) : (
            <DetailsField key={row.key} row={row} />
          ),
        )}
        <Field label="Version" value={String(facility.version)} testId="facility-panel-version" />
        <Field
          label="Zuletzt geändert"
          value={`${formatTimestamp(facility.geaendertAm)}${facility.geaendertVon ? ` von ${facility.geaendertVon}` : ''}`}
          testId="facility-panel-changed"
        />
      </dl>

      <History facility={facility} mayEdit={mayEdit} />
    </aside>
  );
}

/** A row of the registry's details list; e-mail and web addresses become links when they are safe. */
function DetailsField({ row }: { row: DetailsRow }) {
  if (!row.link) return <Field label={row.label} value={row.text} multiline={row.multiline} testId={row.testId} />;
  return (
    <>
      <dt>{row.label}</dt>
      <dd data-testid={row.testId}>{row.text ? <SafeLink href={row.link === 'mailto' ? `mailto:${row.text}` : row.text} text={row.text} /> : '–'}</dd>
    </>
  );
}

function Field({ label, value, multiline = false, testId }: { label: string; value: string | null; multiline?: boolean; testId?: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd className={multiline ? 'multiline' : undefined} data-testid={testId}>
        {value === null || value === '' ? '–' : value}
      </dd>
    </>
  );
}

/** A link only for http(s) and mailto addresses; anything else (javascript: …) stays plain text. */
function SafeLink({ href, text }: { href: string; text: string }) {
  let safe = false;
  try {
    safe = ['http:', 'https:', 'mailto:'].includes(new URL(href).protocol);
  } catch {
    safe = false;
  }
  if (!safe) return <>{text}</>;
  return (
    <a href={href} target={href.startsWith('mailto:') ? undefined : '_blank'} rel="noopener noreferrer">
      {text}
    </a>
  );
}

/** "Verlauf": every version with who changed what; an older one can be restored. */
function History({ facility, mayEdit }: { facility: Facility; mayEdit: boolean }) {
  const categories = useFacilityStore((state) => state.categories);
  const fetchHistory = useFacilityStore((state) => state.fetchHistory);
  const [open, setOpen] = useState(false);
  const [versions, setVersions] = useState<FacilityVersion[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    let cancelled = false;
    fetchHistory(facility.id)
      .then((loaded) => {
        if (cancelled) return;
        setVersions(loaded);
        setError(null);
      })
      .catch((caught) => !cancelled && setError(errorMessage(caught)));
    return () => {
      cancelled = true;
    };
    // Reload whenever a new version exists.
  }, [open, facility.id, facility.version, fetchHistory]);

  return (
    <details className="history" onToggle={(event) => setOpen((event.target as HTMLDetailsElement).open)} data-testid="facility-history">
      <summary>Verlauf</summary>
      {error && <p className="form-error">{error}</p>}
      {!versions && !error && open && <p className="muted">Lade Verlauf …</p>}
      {versions && (
        <ol className="history-list">
          {versions.map((version) => {
            const keys: FieldKey[] = version.vorher ? changedFields(version.vorher, version.nachher) : [];
            const isCurrent = version.version === facility.version;
            return (
              <li key={version.version} data-testid="history-entry" data-version={version.version}>
                <div className="history-head">
                  <span className="history-version">V{version.version}</span>
                  <strong>{ACTION_LABELS[version.action]}</strong>
                  <span className="muted">
                    {formatTimestamp(version.am)}
                    {version.von ? ` · ${version.von}` : ''}
                  </span>
                </div>
                {keys.length > 0 && (
                  <ul className="history-changes">
                    {keys.map((key) => (
                      <li key={key}>
                        <span className="muted">{FIELD_LABELS[key]}:</span> <del>{formatFieldValue(key, version.vorher![key], categories)}</del> →{' '}
                        <ins>{formatFieldValue(key, version.nachher[key], categories)}</ins>
                      </li>
                    ))}
                  </ul>
                )}
                {isCurrent ? (
                  <span className="muted small">aktuelle Version</span>
                ) : (
                  mayEdit && (
                    <button
                      type="button"
                      className="link-button small"
                      onClick={() => void revertFacility(facility, version.version)}
                      data-testid="history-revert"
                    >
                      Diese Version wiederherstellen
                    </button>
                  )
                )}
              </li>
            );
          })}
        </ol>
      )}
    </details>
  );
}
