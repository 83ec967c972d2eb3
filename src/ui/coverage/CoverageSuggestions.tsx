import { useState } from 'react';
import type { CoverageAnalysis } from '../../domain/coverage/analysis';
import { formatResidentChange } from '../../domain/coverage/precision';
import { BEST_MAX, useCoverageStore } from '../../state/coverageStore';

/** „Beste Standorte“: the sites that would reach the most residents of the planning area not yet reached. */
export function CoverageSuggestions({ analysis }: { analysis: CoverageAnalysis }) {
  const best = useCoverageStore((state) => state.best);
  const live = useCoverageStore((state) => state.live);
  const [count, setCount] = useState(best.count);
  const store = useCoverageStore.getState();
  const suggestions = analysis.suggestions;
  return (
    <div className="coverage-box" aria-labelledby="coverage-best-title">
      <h3 id="coverage-best-title">Beste Standorte für weitere Einrichtungen</h3>
      <div className="toolbar">
        <label className="inline-field">
          Anzahl
          <select value={count} onChange={(event) => setCount(Number(event.target.value))} data-testid="coverage-best-count">
            {Array.from({ length: BEST_MAX }, (_, index) => index + 1).map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button" onClick={() => store.showSuggestions(count)} data-testid="coverage-best-run">
          Beste Standorte vorschlagen
        </button>
        {best.shown && (
          <button type="button" className="button" onClick={() => store.hideSuggestions()} data-testid="coverage-best-hide">
            ausblenden
          </button>
        )}
      </div>
      {best.shown && (
        <ol className="coverage-suggestions" data-testid="coverage-suggestions" data-count={live ? undefined : suggestions.length}>
          {live && <li className="muted">wird nach dem Ziehen neu berechnet …</li>}
          {!live &&
            suggestions.map((suggestion, index) => (
              <li key={`${suggestion.x}-${suggestion.y}`} data-testid="coverage-suggestion">
                <span className="suggestion-rank" aria-hidden="true">
                  {index + 1}
                </span>
                <span>
                  <strong>{formatResidentChange(suggestion.zusaetzlichVersorgt, analysis.precision.erreicht)} Einwohner</strong> zusätzlich in Reichweite
                  <span className="muted"> · {suggestion.sozialraumName ?? 'außerhalb der Sozialräume'}</span>
                </span>
                <button type="button" className="button button--small" onClick={() => store.takeSuggestion(index)} data-testid="coverage-suggestion-take">
                  als hypothetische Einrichtung übernehmen
                </button>
              </li>
            ))}
          {!live && suggestions.length === 0 && <li className="muted">Alle Einwohner sind bereits in Reichweite.</li>}
        </ol>
      )}
      {best.shown && !live && suggestions.length > 0 && (
        <p className="hint">Jeder Vorschlag erreicht die meisten Einwohner, die weder bestehende noch frühere Vorschläge erreichen (Raster 500 m).</p>
      )}
    </div>
  );
}
