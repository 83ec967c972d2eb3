import { lazy, Suspense, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { mountMainMap } from '../app/map/mainMap';

// What Ctrl+P prints: loaded once the map is drawn, so the first view does not wait for it.
const PrintSheet = lazy(() => import('./print/PrintSheet').then((module) => ({ default: module.PrintSheet })));

/** Hosts the main map; src/app/map/mainMap.ts creates it once and keeps it in step with the stores. */
export function MapView() {
  const container = useRef<HTMLDivElement>(null);
  const [ready, setReady] = useState(false);
  // In the commit itself, not after the browser has painted the page: the map starts one frame earlier.
  useLayoutEffect(() => (container.current ? mountMainMap(container.current) : undefined), []);
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    // The map says when it has drawn the district (data-map-ready, set by its territory layer).
    const observer = new MutationObserver(() => setReady(element.dataset.mapReady === 'true'));
    observer.observe(element, { attributes: true, attributeFilter: ['data-map-ready'] });
    return () => observer.disconnect();
  }, []);
  return (
    <>
      <div
        ref={container}
        className="map"
        data-testid="map"
        role="region"
        aria-label="Karte der Sozialräume und Einrichtungen. Die Tabellen bieten dieselben Gebiete und Einrichtungen per Tastatur."
      />
      {ready && (
        <Suspense fallback={null}>
          <PrintSheet />
        </Suspense>
      )}
      {!ready && (
        <p className="map-loading" role="status" data-testid="map-loading">
          Karte wird gezeichnet …
        </p>
      )}
    </>
  );
}
