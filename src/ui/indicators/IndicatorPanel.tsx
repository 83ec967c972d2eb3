import { lazy, Suspense, useMemo, useState } from 'react';
import { CLASS_METHOD_LABELS, CLASS_METHODS, choropleth, type ClassMethod } from '../../domain/indicators/choropleth';
import { mayEditIndicators } from '../../domain/facilities/permissions';
import type { CatalogueItem, LevelValuesResponse } from '../../domain/indicators/schema';
import { formatInteger, formatIsoDate } from '../../domain/format';
import { useIndicatorStore } from '../../state/indicatorStore';
import { useSessionStore } from '../../state/sessionStore';
import { figureText, POLARITY_TEXT, sourceText } from './format';
import { InternalBanner } from './InternalBanner';
import './indicators.css';

// Only planners import values or define Kennzahlen: their dialogs load when opened.
const IndicatorImportWizard = lazy(() => import('./IndicatorImportWizard').then((module) => ({ default: module.IndicatorImportWizard })));
const OwnIndicatorDialog = lazy(() => import('./OwnIndicatorDialog').then((module) => ({ default: module.OwnIndicatorDialog })));

/** The Kennzahlen tab: Kennzahl, date and classes of the map, its legend and source, and the table. */
export function IndicatorPanel() {
  const catalogue = useIndicatorStore((state) => state.catalogue);
  const kennzahl = useIndicatorStore((state) => state.kennzahl);
  const stichtag = useIndicatorStore((state) => state.stichtag);
  const method = useIndicatorStore((state) => state.method);
  const level = useIndicatorStore((state) => state.level);
  const view = useIndicatorStore((state) => state.view);
  const values = useIndicatorStore((state) => state.values);
  const store = useIndicatorStore.getState();
  const user = useSessionStore((state) => state.user);
  const [dialog, setDialog] = useState<'import' | 'own' | null>(null);

  if (catalogue.status === 'error') return <p className="form-error" role="alert">Kennzahlen konnten nicht geladen werden: {catalogue.error}</p>;
  if (!catalogue.data) return <p className="hint" role="status">Kennzahlen werden geladen …</p>;
  const items = catalogue.data.kennzahlen.filter((entry) => entry.stichtage.length > 0);
  const item = items.find((entry) => entry.id === kennzahl) ?? null;
  const themes = [...new Set(items.map((entry) => entry.thema))];

  const editor = mayEditIndicators(user);

  return (
    <div className="indicator-panel" data-testid="indicator-panel">
      {editor && (
        <div className="indicator-edit-actions">
          <button type="button" className="button" onClick={() => setDialog('import')} data-testid="indicator-import-open">
            Kennzahlen importieren
          </button>
          <button type="button" className="button" onClick={() => setDialog('own')} data-testid="own-indicator-open">
            Eigene Kennzahl …
          </button>
        </div>
      )}
      {editor && dialog !== null && (
        <Suspense fallback={null}>{dialog === 'import' ? <IndicatorImportWizard onClose={() => setDialog(null)} /> : <OwnIndicatorDialog onClose={() => setDialog(null)} />}</Suspense>
      )}
      {editor && (
        <label className="checkbox-line">
          <input type="checkbox" checked={view === 'intern'} onChange={(event) => store.setView(event.target.checked ? 'intern' : 'geschuetzt')} data-testid="indicator-internal" />
          Interne Ansicht (ungeschützte Werte, nur Planung)
        </label>
      )}
      {view === 'intern' && <InternalBanner />}
      <div className="indicator-choices">
        <label>
          Kennzahl
          <select value={kennzahl ?? ''} onChange={(event) => store.chooseIndicator(event.target.value)} data-testid="indicator-select">
            {themes.map((theme) => (
              <optgroup key={theme} label={theme}>
                {items
                  .filter((entry) => entry.thema === theme)
                  .map((entry) => (
                    <option key={entry.id} value={entry.id}>
                      {entry.name}
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
        </label>
        {item && (
          <label>
            {item.kennzahl.zeitbezug === 'stichtag' ? 'Stichtag' : 'Jahr'}
            <select value={stichtag ?? ''} onChange={(event) => store.chooseDate(event.target.value === '' ? null : event.target.value)} data-testid="indicator-date">
              <option value="">neuester ({periodText(item, item.stichtage.at(-1)!)})</option>
              {[...item.stichtage].reverse().map((date) => (
                <option key={date} value={date}>
                  {periodText(item, date)}
                </option>
              ))}
            </select>
          </label>
        )}
        {item?.ebene === 'gemeinde' && (
          <fieldset className="level-choice">
            <legend>Gebiete</legend>
            {(['sozialraum', 'gemeinde'] as const).map((each) => (
              <label key={each} className="checkbox-line">
                <input type="radio" name="indicator-level" value={each} checked={level === each} onChange={() => store.chooseLevel(each)} data-testid={`indicator-level-${each}`} />
                {each === 'sozialraum' ? 'Sozialräume' : 'Gemeinden'}
              </label>
            ))}
          </fieldset>
        )}
        <label>
          Klassen
          <select value={method} onChange={(event) => store.chooseMethod(event.target.value as ClassMethod)} data-testid="indicator-method">
            {CLASS_METHODS.map((each) => (
              <option key={each} value={each}>
                {CLASS_METHOD_LABELS[each]}
              </option>
            ))}
          </select>
        </label>
      </div>
      {item && <p className="hint">{item.definition} Richtung: {POLARITY_TEXT[item.polaritaet]}.</p>}
      {values.status === 'error' && (
        <p className="form-error" role="alert">
          Werte konnten nicht geladen werden: {values.error}
        </p>
      )}
      {values.data && item && <IndicatorFigures response={values.data} item={item} method={method} loading={values.status === 'loading'} validity={catalogue.data.gueltigkeit.einwohner} />}
    </div>
  );
}

function IndicatorFigures({ response, item, method, loading, validity }: { response: LevelValuesResponse; item: CatalogueItem; method: ClassMethod; loading: boolean; validity: number }) {
  const classes = useMemo(() => choropleth(response, method), [response, method]);
  const openProfile = useIndicatorStore((state) => state.openProfile);
  const rows = [...response.werte].sort((a, b) => a.name.localeCompare(b.name, 'de'));
  const unit = response.kennzahl.einheit;
  return (
    <section aria-busy={loading} data-testid="indicator-figures" data-indicator={`${response.kennzahl.id}|${response.stichtag}`}>
      <h3 className="indicator-title">
        {response.kennzahl.name} <span className="indicator-stand" data-testid="indicator-stand">{response.stand}</span>
      </h3>
      <ul className="indicator-legend" data-testid="indicator-legend" aria-label="Legende">
        {classes.legend.map((entry, index) => (
          <li key={index}>
            <span className="swatch" style={{ background: entry.colour }} aria-hidden="true" />
            {index === 0 ? 'von ' : 'über '}
            {figureText(entry.from, unit)} bis {figureText(entry.to, unit)} <span className="muted">({entry.count})</span>
          </li>
        ))}
        {classes.withheld > 0 && (
          <li>
            <span className="swatch swatch--hatched" aria-hidden="true" />• geschützt (kleine Zahlen) <span className="muted">({classes.withheld})</span>
          </li>
        )}
        {classes.missing > 0 && (
          <li>
            <span className="swatch swatch--missing" aria-hidden="true" />– kein Wert <span className="muted">({classes.missing})</span>
          </li>
        )}
        {classes.uncertain > 0 && (
          <li>
            <span className="swatch swatch--dashed" aria-hidden="true" />◆ unter {formatInteger(validity)} Einwohnern: mit Vorsicht deuten <span className="muted">({classes.uncertain})</span>
          </li>
        )}
      </ul>
      <p className="source-line" data-testid="indicator-source">
        {sourceText(response.quelle)}. {response.stand}.
      </p>
      <p className="hint">Klassen: {CLASS_METHOD_LABELS[method]}; Farben von hell (niedrig) bis dunkel (hoch), {POLARITY_TEXT[item.polaritaet]}.</p>
      <table className="indicator-table" data-testid="indicator-table">
        <caption className="visually-hidden">
          {response.kennzahl.name}, {response.stand}, je {response.ebene === 'gemeinde' ? 'Gemeinde' : 'Sozialraum'}
        </caption>
        <thead>
          <tr>
            <th scope="col">{response.ebene === 'gemeinde' ? 'Gemeinde' : 'Sozialraum'}</th>
            <th scope="col" className="number">
              Wert
            </th>
            <th scope="col">
              <span className="visually-hidden">Profil</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.schluessel} data-area={row.schluessel} data-status={row.wert.status}>
              <th scope="row">
                {row.name}
                {row.ebene === 'ausserhalb' && <span className="muted"> (außerhalb der Sozialräume, nicht in den Klassen)</span>}
                {row.wert.unsicher && row.wert.status === 'wert' && (
                  <span className="validity-flag" title={response.gueltigkeitsHinweis}>
                    {' '}
                    (unter {formatInteger(validity)} Einw.)
                  </span>
                )}
              </th>
              <td className="number" data-testid="indicator-value">
                {row.wert.text}
              </td>
              <td>
                {row.ebene !== 'gemeinde' && (
                  <button type="button" className="link-button" onClick={() => openProfile(row.schluessel)} aria-label={`Profil ${row.name}`}>
                    Profil
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          {[response.planungsraum, response.kreis].map((row) => (
            <tr key={row.schluessel}>
              <th scope="row">{row.name}</th>
              <td className="number">{row.wert.text}</td>
              <td>
                {row.ebene === 'planungsraum' && (
                  <button type="button" className="link-button" onClick={() => openProfile(row.schluessel)} aria-label={`Profil ${row.name}`}>
                    Profil
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tfoot>
      </table>
    </section>
  );
}

/** A reference date as the choice offers it: the day of a stock, the year of a yearly sum or average. */
function periodText(item: CatalogueItem, date: string): string {
  return item.kennzahl.zeitbezug === 'stichtag' ? formatIsoDate(date) : date.slice(0, 4);
}
