import { LOCATION_PRECISIONS, type FacilityCategory, type LocationPrecision } from '../../domain/facilities/catalog';
import { CRS_LABELS, type CoordinateCrs } from '../../domain/import/index';
import { mapsIgnoredField, unknownCategories, type FacilityImportAction, type FacilityImportState } from '../../domain/resources/importWizard';
import { precisionLabel } from '../../domain/resources/labels';
import { CategorySelect } from '../common/CategorySelect';

interface FacilityImportOptionsProps {
  state: FacilityImportState;
  dispatch(action: FacilityImportAction): void;
  categories: readonly FacilityCategory[];
}

/**
 * What the facility import asks below the column mapping: the coordinate system (with what was
 * detected), the precision of the coordinates, a category for rows without one and a category
 * for each value of the file the catalogue does not know.
 */
export function FacilityImportOptions({ state, dispatch, categories }: FacilityImportOptionsProps) {
  const { preview, crsGuess } = state;
  if (!preview) return null;
  const unknownValues = unknownCategories(state, categories);

  return (
    <>
      {mapsIgnoredField(state) && (
        <p className="hint">Gemeinde, Sozialraum, ID und Version aus der Datei werden nicht übernommen: der Server berechnet sie aus der Lage.</p>
      )}

      <div className="import-options">
        {preview.kind === 'csv' || crsGuess?.crs !== 'EPSG:4326' ? (
          <label className="field">
            <span className="field__label">Koordinatensystem der Datei</span>
            <select value={state.crs} onChange={(event) => dispatch({ type: 'crsChosen', crs: event.target.value as CoordinateCrs })} data-testid="import-crs">
              <option value="">– bitte wählen –</option>
              {(Object.keys(CRS_LABELS) as CoordinateCrs[]).map((code) => (
                <option key={code} value={code}>
                  {CRS_LABELS[code]}
                </option>
              ))}
            </select>
            <label className="checkbox">
              <input
                type="checkbox"
                checked={state.swapped}
                onChange={(event) => dispatch({ type: 'swappedSet', swapped: event.target.checked })}
                data-testid="import-swapped"
              />
              Werte vertauscht (Breite vor Länge bzw. Hochwert vor Rechtswert)
            </label>
          </label>
        ) : null}
        <label className="field">
          <span className="field__label">Lagegenauigkeit der Koordinaten</span>
          <select
            value={state.precision}
            onChange={(event) => dispatch({ type: 'precisionChosen', precision: event.target.value as LocationPrecision })}
            data-testid="import-precision"
          >
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
            value={state.defaultCategory}
            onChange={(category) => dispatch({ type: 'defaultCategoryChosen', category })}
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
                value={state.categoryChoices[value] ?? ''}
                onChange={(category) => dispatch({ type: 'categoryAssigned', value, category })}
                emptyLabel="– nicht zugeordnet (Zeilen mit Fehler) –"
                testId="import-category-choice"
                dataValue={value}
              />
            </label>
          ))}
        </fieldset>
      )}
    </>
  );
}
