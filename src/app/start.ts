// The composition root of the app: what runs across stores from the first moment to the last.
// Each part returns its own stop function; nothing here keeps state of its own.
import { startFromAddress } from './address';
import { startCoverageEffects } from './coverage';
import { startIndicatorEffects } from './indicators';
import { startResources } from './resources';

/** Starts the atlas: address → stores, the resource maps, the coverage analysis, the Kennzahlen. */
export function startApp(location: Location = window.location): () => void {
  const stopResources = startResources();
  const coverage = startCoverageEffects();
  const stopIndicators = startIndicatorEffects();
  const stopAddress = startFromAddress(location);
  return () => {
    void stopAddress.then((stop) => stop());
    coverage.stop();
    stopIndicators();
    stopResources();
  };
}
