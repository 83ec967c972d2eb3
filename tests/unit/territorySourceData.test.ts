import { booleanPointInPolygon, point } from '@turf/turf';
import type { Feature, Point } from 'geojson';
import { describe, expect, it } from 'vitest';
import { SOZIALRAUM_PASTELS, regionColour } from '../../src/map/palette';
import { featureFilter } from '@maplibre/maplibre-gl-style-spec';
import type { LayerSpecification } from 'maplibre-gl';
import { territoryFeatureId, territoryLayers, territorySource, territorySourceData } from '../../src/map/territoryLayers';
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

describe('territorySource (the one map source of the territory)', () => {
  const source = territorySource(territory);
  const levels = territorySourceData(territory);

  it('holds every feature of every level once, each with its level and a feature id unique in the source', () => {
    const total = Object.values(levels).reduce((sum, collection) => sum + collection.features.length, 0);
    expect(source.features).toHaveLength(total);
    const ids = source.features.map((feature) => feature.properties!.fid as string);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain(territoryFeatureId('sozialraum', 'nordtal'));
    expect(ids).toContain(territoryFeatureId('gemeinde', '99999001'));
    expect(ids).toContain(territoryFeatureId('ausserhalb', 'teststadt-d'));
    expect(source.features.filter((feature) => feature.properties!.ebene === 'sozialraum').map((feature) => feature.properties!.id)).toEqual(['nordtal', 'oelsen', 'puehberg']);
  });

  it('gives each territory layer exactly the features of its own level', () => {
    const expected: Record<string, number> = {
      'kreis-linie': levels.kreis.features.length,
      'sozialregion-linie': levels.sozialregionen.features.length,
      'sozialraum-flaeche': levels.sozialraeume.features.length,
      'sozialraum-linie': levels.sozialraeume.features.length,
      'gemeinde-linie': levels.gemeinden.features.length,
      'gemeinde-einwohnerklasse': levels.gemeinden.features.length,
      'ausserhalb-flaeche': levels.ausserhalb.features.length,
      'ausserhalb-linie': levels.ausserhalb.features.length,
      'sozialraum-beschriftung': 3,
      'ausserhalb-beschriftung': 2,
      'gemeinde-beschriftung': 4,
    };
    const layers = territoryLayers().map(({ layer }) => layer as Exclude<LayerSpecification, { type: 'background' }>);
    expect(layers.map((layer) => layer.id).sort()).toEqual(Object.keys(expected).sort());
    for (const layer of layers) {
      const filter = featureFilter(layer.filter, `layers[${layer.id}].filter`);
      const types = { Point: 1, LineString: 2, Polygon: 3, MultiPolygon: 3 } as const;
      const matching = source.features.filter((feature) =>
        filter.filter({ zoom: 12 }, { type: types[feature.geometry.type as keyof typeof types], properties: feature.properties ?? {} } as never),
      );
      expect(matching.length, layer.id).toBe(expected[layer.id]);
    }
  });
});
