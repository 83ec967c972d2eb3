import type { TerritoryFile } from './types';

export type AreaKind = 'sozialraum' | 'sozialregion' | 'ausserhalb' | 'kreis';

export interface AreaRef {
  kind: AreaKind;
  id: string;
}

export interface MemberGemeinde {
  ags: string;
  name: string;
  einwohner: number;
}

/** Everything the panel and the table show about one area, computed once per territory. */
export interface AreaSummary extends AreaRef {
  name: string;
  /** Einheitsgemeinde, Samtgemeinde, Amt … for Sozialräume; Sozialregion/Kreis otherwise. */
  art: string;
  sozialregion: { id: string; name: string } | null;
  gemeinden: MemberGemeinde[];
  sozialraeume: { id: string; name: string }[];
  einwohner: number;
  flaecheKm2: number;
  /** Inhabitants per km². */
  dichte: number;
  anteilEinwohnerKreis: number;
  anteilFlaecheKreis: number;
  /** Share of the inhabitants living in the district's Sozialraum system (null for areas outside it). */
  anteilEinwohnerSozialraeume: number | null;
  unterValiditaetsschwelle: boolean;
  grund: string | null;
}

export interface TerritorySummary {
  kreis: AreaSummary;
  sozialraeume: AreaSummary[];
  sozialregionen: AreaSummary[];
  ausserhalb: AreaSummary[];
  /** Inhabitants of all Sozialräume together. */
  einwohnerSozialraeume: number;
  byKey: Map<string, AreaSummary>;
}

export const areaKey = (ref: AreaRef) => `${ref.kind}:${ref.id}`;

/**
 * Population, area, density and shares for every Sozialraum, Sozialregion and outside area
 * of a territory. Pure: the territory is not changed.
 */
export function summarizeTerritory(territory: TerritoryFile): TerritorySummary {
  const kreisProps = territory.kreis.properties;
  const threshold = territory.district.validityThreshold.einwohner;
  const gemeindeByAgs = new Map(territory.gemeinden.features.map((f) => [f.properties.ags, f.properties]));
  const regionById = new Map(territory.sozialregionen.features.map((f) => [f.properties.id, f.properties]));
  const sozialraumById = new Map(territory.sozialraeume.features.map((f) => [f.properties.id, f.properties]));
  const einwohnerSozialraeume = territory.sozialraeume.features.reduce((sum, f) => sum + f.properties.einwohner, 0);
  const members = (keys: string[]): MemberGemeinde[] =>
    keys
      .map((ags) => gemeindeByAgs.get(ags))
      .filter((g) => g !== undefined)
      .map((g) => ({ ags: g.ags, name: g.name, einwohner: g.einwohner }))
      .sort((a, b) => a.name.localeCompare(b.name, 'de'));

  const base = (kind: AreaKind, id: string, name: string, einwohner: number, flaecheKm2: number) => ({
    kind,
    id,
    name,
    einwohner,
    flaecheKm2,
    dichte: flaecheKm2 > 0 ? einwohner / flaecheKm2 : 0,
    anteilEinwohnerKreis: kreisProps.einwohner > 0 ? einwohner / kreisProps.einwohner : 0,
    anteilFlaecheKreis: kreisProps.flaecheKm2 > 0 ? flaecheKm2 / kreisProps.flaecheKm2 : 0,
  });

  const sozialraeume: AreaSummary[] = territory.sozialraeume.features.map(({ properties: p }) => {
    const region = p.sozialregionId ? regionById.get(p.sozialregionId) : undefined;
    return {
      ...base('sozialraum', p.id, p.name, p.einwohner, p.flaecheKm2),
      art: p.art,
      sozialregion: region ? { id: region.id, name: region.name } : null,
      gemeinden: members(p.gemeinden),
      sozialraeume: [],
      anteilEinwohnerSozialraeume: einwohnerSozialraeume > 0 ? p.einwohner / einwohnerSozialraeume : 0,
      unterValiditaetsschwelle: p.einwohner < threshold,
      grund: null,
    };
  });
  const sozialregionen: AreaSummary[] = territory.sozialregionen.features.map(({ properties: p }) => {
    const units = p.sozialraeume.map((id) => sozialraumById.get(id)).filter((s) => s !== undefined);
    return {
      ...base('sozialregion', p.id, p.name, p.einwohner, p.flaecheKm2),
      art: territory.district.regionLevel?.singular ?? 'Sozialregion',
      sozialregion: null,
      gemeinden: members(units.flatMap((s) => s.gemeinden)),
      sozialraeume: units.map((s) => ({ id: s.id, name: s.name })),
      anteilEinwohnerSozialraeume: einwohnerSozialraeume > 0 ? p.einwohner / einwohnerSozialraeume : 0,
      unterValiditaetsschwelle: p.einwohner < threshold,
      grund: p.beschreibung,
    };
  });
  const ausserhalb: AreaSummary[] = territory.ausserhalb.features.map(({ properties: p }) => ({
    ...base('ausserhalb', p.id, p.name, p.einwohner, p.flaecheKm2),
    art: p.kind === 'gemeindefrei' ? 'gemeindefreies Gebiet' : 'außerhalb der Sozialräume',
    sozialregion: null,
    gemeinden: members(p.gemeinden),
    sozialraeume: [],
    anteilEinwohnerSozialraeume: null,
    unterValiditaetsschwelle: false,
    grund: p.grund,
  }));
  const kreis: AreaSummary = {
    ...base('kreis', kreisProps.ags, kreisProps.name, kreisProps.einwohner, kreisProps.flaecheKm2),
    art: 'Landkreis',
    sozialregion: null,
    gemeinden: members([...gemeindeByAgs.keys()]),
    sozialraeume: sozialraeume.map((s) => ({ id: s.id, name: s.name })),
    anteilEinwohnerSozialraeume: null,
    unterValiditaetsschwelle: false,
    grund: null,
  };
  const byKey = new Map<string, AreaSummary>();
  for (const summary of [kreis, ...sozialraeume, ...sozialregionen, ...ausserhalb]) byKey.set(areaKey(summary), summary);
  return { kreis, sozialraeume, sozialregionen, ausserhalb, einwohnerSozialraeume, byKey };
}

export type SortKey = 'name' | 'sozialregion' | 'einwohner' | 'flaecheKm2' | 'dichte' | 'anteilEinwohnerKreis';
export type SortDirection = 'asc' | 'desc';

/** Returns a sorted copy; names compare in German collation, ties fall back to the name. */
export function sortAreas(areas: readonly AreaSummary[], key: SortKey, direction: SortDirection): AreaSummary[] {
  const sign = direction === 'asc' ? 1 : -1;
  const byName = (a: AreaSummary, b: AreaSummary) => a.name.localeCompare(b.name, 'de');
  return [...areas].sort((a, b) => {
    let order: number;
    if (key === 'name') order = byName(a, b);
    else if (key === 'sozialregion') order = (a.sozialregion?.name ?? '').localeCompare(b.sozialregion?.name ?? '', 'de', { numeric: true });
    else order = a[key] - b[key];
    return order !== 0 ? sign * order : byName(a, b);
  });
}
