import { useEffect, useRef } from 'react';
import { mountMainMap } from '../app/map/mainMap';

/** Hosts the main map; src/app/map/mainMap.ts creates it once and keeps it in step with the stores. */
export function MapView() {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => (container.current ? mountMainMap(container.current) : undefined), []);
  return (
    <div
      ref={container}
      className="map"
      data-testid="map"
      role="region"
      aria-label="Karte der Sozialräume und Einrichtungen. Die Tabellen bieten dieselben Gebiete und Einrichtungen per Tastatur."
    />
  );
}
