import { useEffect, useState } from 'react';
import type { Facility, FacilityVersion } from '../domain/facilities/schema';
import { changedFields, type FieldKey } from '../domain/resources/changes';
import {
  ACTION_LABELS,
  FIELD_LABELS,
  formatFieldValue,
  formatLngLat,
  formatPartialDate,
  formatTimestamp,
  isApproximate,
  precisionLabel,
} from '../domain/resources/labels';
import { formatInteger, formatIsoDate } from '../domain/format';
import { errorMessage } from '../state/api';
import { deleteFacility, restoreFacility, revertFacility } from '../app/facilityActions';
import { selectFacility, useFacilityStore } from '../state/facilityStore';
import { useTerritoryStore } from '../state/territoryStore';
import { FacilityForm } from './FacilityForm';
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
  const address = [facility.strasse, [facility.plz, facility.ort].filter(Boolean).join(' ')].filter(Boolean);
  const approximate = isApproximate(facility.lagegenauigkeit);
  const refusal = !user ? 'Zum Bearbeiten bitte anmelden' : mayEdit ? undefined : 'Diese Einrichtung liegt außerhalb Ihrer Zuständigkeit';

  return (
    <aside className="area-panel facility-panel" data-testid="facility-panel" aria-labelledby="facility-panel-name">
      <PanelHeader
        kind={
          <>
            <FacilitySymbol category={category} approximate={approximate} size={16} /> {category?.label ?? facility.category}
          </>
        }
        title={facility.name}
        titleId="facility-panel-name"
        titleTestId="facility-panel-name"
        onClose={() => select(null)}
      />

      <div className="badges">
        <span className={`status status--${facility.status.replace(' ', '-')}`}>{facility.status}</span>
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
        <Field label="Träger" value={facility.traeger} />
        <Field label="Adresse" value={address.length > 0 ? address.join(', ') : null} testId="facility-panel-address" />
        <Field label="Telefon" value={facility.telefon} />
        <dt>E-Mail</dt>
        <dd>{facility.email ? <SafeLink href={`mailto:${facility.email}`} text={facility.email} /> : '–'}</dd>
        <dt>Webseite</dt>
        <dd>{facility.web ? <SafeLink href={facility.web} text={facility.web} /> : '–'}</dd>
        <Field label="Zielgruppen" value={facility.zielgruppen.length > 0 ? facility.zielgruppen.join(', ') : null} />
        <Field label="Angebote" value={facility.angebote} multiline />
        <Field label="Kapazität" value={facility.kapazitaet === null ? null : `${formatInteger(facility.kapazitaet)} Plätze`} />
        <Field
          label="Förderung"
          value={facility.foerderung ? `${facility.foerderung.programm}${facility.foerderung.seit ? ` (seit ${formatPartialDate(facility.foerderung.seit)})` : ''}` : null}
          testId="facility-panel-foerderung"
        />
        <Field label="Gemeinde" value={gemeinde ? gemeinde.name : 'außerhalb des Landkreises'} testId="facility-panel-gemeinde" />
        <Field
          label="Sozialraum"
          value={sozialraum ? `${sozialraum.name}${sozialraum.sozialregion ? ` (${sozialraum.sozialregion.name})` : ''}` : (ausserhalb?.name ? `keiner – ${ausserhalb.name}` : 'keiner')}
          testId="facility-panel-sozialraum"
        />
        <Field label="Lage" value={formatLngLat(facility.lage)} testId="facility-panel-lage" />
        <Field label="Lagegenauigkeit" value={precisionLabel(facility.lagegenauigkeit)} />
        <Field label="Quelle" value={facility.quelle} />
        <Field label="Geprüft am" value={facility.geprueftAm ? formatIsoDate(facility.geprueftAm) : null} />
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
