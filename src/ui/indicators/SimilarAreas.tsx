import type { ProfileResponse } from '../../domain/indicators/schema';
import { useIndicatorStore } from '../../state/indicatorStore';

const distance = new Intl.NumberFormat('de-DE', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** „Ähnliche Sozialräume“: the planner chooses the Kennzahlen, the server ranks by standardised distance. */
export function SimilarAreas({ profile }: { profile: ProfileResponse }) {
  const ids = useIndicatorStore((state) => state.similarIds);
  const similar = useIndicatorStore((state) => state.similar);
  const store = useIndicatorStore.getState();
  // Rates, shares and means: counts would only find areas of the same size.
  const choices = profile.kennzahlen.filter((entry) => entry.art !== 'anzahl');
  const toggle = (id: string, on: boolean) => store.setSimilarIds(on ? [...ids, id] : ids.filter((each) => each !== id));
  const openProfile = useIndicatorStore((state) => state.openProfile);
  const title = profile.gebiet.ebene === 'sozialregion' ? 'Ähnliche Sozialregionen' : 'Ähnliche Sozialräume';
  return (
    <section className="profile-similar" data-testid="profile-similar">
      <h3>{title}</h3>
      <fieldset className="similar-choices">
        <legend>Kennzahlen für den Vergleich</legend>
        {choices.map((entry) => (
          <label key={entry.id} className="checkbox-line">
            <input type="checkbox" checked={ids.includes(entry.id)} onChange={(event) => toggle(entry.id, event.target.checked)} />
            {entry.name}
          </label>
        ))}
      </fieldset>
      <button type="button" className="button" disabled={ids.length === 0 || similar.status === 'loading'} onClick={() => void store.findSimilar()} data-testid="similar-find">
        Ähnliche Gebiete finden
      </button>
      {similar.status === 'error' && (
        <p className="form-error" role="alert">
          {similar.error}
        </p>
      )}
      {similar.data && similar.data.nachbarn.length === 0 && (
        <p className="hint" role="status">
          Keine Vergleichsgebiete: Mit den gewählten Kennzahlen{similar.data.kennzahlen.length === 0 ? ' ist für dieses Jahr keine verwendbar' : ' hat kein anderes Gebiet Werte'}.
        </p>
      )}
      {similar.data && similar.data.nachbarn.length > 0 && (
        <>
          <table className="profile-table" data-testid="similar-table">
            <thead>
              <tr>
                <th scope="col">Gebiet</th>
                <th scope="col" className="number">
                  Distanz
                </th>
                <th scope="col">ähnlich in</th>
              </tr>
            </thead>
            <tbody>
              {similar.data.nachbarn.map((neighbour) => (
                <tr key={neighbour.gebiet.schluessel}>
                  <th scope="row">
                    <button type="button" className="link-button" onClick={() => openProfile(neighbour.gebiet.schluessel)}>
                      {neighbour.gebiet.name}
                    </button>
                  </th>
                  <td className="number">{distance.format(neighbour.distanz)}</td>
                  <td>{neighbour.aehnlichIn.length > 0 ? neighbour.aehnlichIn.join(', ') : 'keiner Kennzahl eng'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="hint">
            Verwendet: {similar.data.kennzahlen.map((entry) => `${entry.name} (${entry.stand})`).join(', ') || 'keine'}.
            {similar.data.nichtVerwendet.length > 0 && ` Nicht verwendet: ${similar.data.nichtVerwendet.map((entry) => `${entry.name} (${entry.grund})`).join(', ')}.`}
            {similar.data.nichtVergleichbar.length > 0 && ` Nicht vergleichbar (Wert fehlt oder geschützt): ${similar.data.nichtVergleichbar.map((entry) => entry.gebiet.name).join(', ')}.`}
          </p>
          <p className="hint">{similar.data.regel}</p>
        </>
      )}
    </section>
  );
}
