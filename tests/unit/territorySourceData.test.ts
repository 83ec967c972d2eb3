import { booleanPointInPolygon, point } from '@turf/turf';
import type { Feature, Point } from 'geojson';
import { describe, expect, it } from 'vitest';
import { SOZIALRAUM_PASTELS, regionColour } from '../../src/map/palette';
import { territorySourceData } from '../../src/map/territoryLayers';
import type { TerritoryFile } from '../../src/domain/territory/types';
import { syntheticTerritory } from './support/syntheticDistrict';

/** Frozen: territorySourceData must not write into the territory. */
const territory = syntheticTerritory();

const labelsOfKind = (labels: Feature<Point>[], kind: string) => labels.filter((label) => label.properties!.kind === kind);

describe('territorySourceData', () => {
  it('has one label per Sozialraum, per outside area and per Gemeinde inside a Sozialraum', () => {
    const { labels } = territorySourceData(territory);
    expect(labelsOfKind(labels.features, 'sozialraum').map((l) => l.properties!.id)).toEqual(['nordtal', 'oelsen', 'puehberg']);
    expect(labelsOfKind(labels.features, 'ausserhalb').map((l) => l.properties!.id)).toEqual(['teststadt-d', 'testforst']);
    // Teststadt D is outside the Sozialräume; its area label already names it.
    expect(labelsOfKind(labels.features, 'gemeinde').map((l) => l.properties!.id)).toEqual(['99999001', '99999002', '99999003', '99999005']);
    expect(labels.features).toHaveLength(9);
  });

  it('puts every label point inside the polygon it names', () => {
    const { labels } = territorySourceData(territory);
    const geometryOf = (kind: string, id: string): TerritoryFile['kreis']['geometry'] => {
      const features =
        kind === 'sozialraum' ? territory.sozialraeume.features : kind === 'ausserhalb' ? territory.ausserhalb.features : [];
      const found = features.find((f) => f.properties.id === id) ?? territory.gemeinden.features.find((f) => f.properties.ags === id);
      return found!.geometry;
    };
    for (const label of labels.features) {
      const { kind, id } = label.properties as { kind: string; id: string };
      expect(booleanPointInPolygon(point(label.geometry.coordinates), geometryOf(kind, id)), `${kind}:${id}`).toBe(true);
    }
  });

  it('labels outside areas with their reason and unincorporated ones with the name alone', () => {
    const { labels } = territorySourceData(territory);
    expect(labelsOfKind(labels.features, 'ausserhalb').map((l) => l.properties!.text)).toEqual([
      'Teststadt D\n(außerhalb der Sozialräume)',
      'Testforst (gemeindefreies Gebiet)',
    ]);
  });

  it('leaves no arrays or objects in feature properties, which MapLibre would turn into strings', () => {
    const data = territorySourceData(territory);
    for (const [source, collection] of Object.entries(data)) {
      expect(collection.features.length, source).toBeGreaterThan(0);
      for (const feature of collection.features) {
        for (const [key, value] of Object.entries(feature.properties ?? {})) {
          expect(['string', 'number', 'boolean'], `${source}.${key}`).toContain(typeof value);
        }
      }
    }
    expect(data.kreis.features[0]!.properties).toEqual({ ags: '99999' });
  });

  it('colours Sozialräume with shades of their region colour and outside areas by kind', () => {
    const data = territorySourceData(territory);
    const fills = data.sozialraeume.features.map((f) => f.properties!.fill as string);
    for (const fill of fills) expect(fill).toMatch(/^#[0-9a-f]{6}$/);
    // Ölsen and Pühberg are neighbours in the same region: same hue, different shade.
    expect(fills[1]).not.toBe(fills[2]);
    expect(SOZIALRAUM_PASTELS).not.toContain(fills[0]);
    expect(data.sozialregionen.features.map((f) => f.properties!.colour)).toEqual([regionColour(0), regionColour(1)]);
    expect(data.ausserhalb.features.map((f) => [f.properties!.kind, f.properties!.fill])).toEqual([
      ['ausserhalb', '#d4d4d4'],
      ['gemeindefrei', '#dfe8d8'],
    ]);
  });

  it('does not mutate its input', () => {
    const before = structuredClone(territory);
    territorySourceData(territory);
    expect(territory).toEqual(before);
  });
});
