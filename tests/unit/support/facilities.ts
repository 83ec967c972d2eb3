// Synthetic facilities for unit tests (frozen; tests copy before changing).
import { defaultFields, type Facility } from '../../../src/domain/facilities/schema';

let counter = 0;

export function facility(overrides: Partial<Facility> = {}): Facility {
  counter++;
  const id = overrides.id ?? `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`;
  return Object.freeze({
    id,
    district: 'goettingen',
    version: 1,
    gemeindeAgs: '03159001',
    sozialraumId: 'adelebsen',
    geloescht: false,
    geaendertAm: '2025-03-01T10:00:00.000Z',
    geaendertVon: 'Anna Koordination',
    // Fields this factory does not name get their defaults, so a new optional field needs no change here.
    ...defaultFields(),
    category: 'kita',
    name: `Kita ${counter}`,
    traeger: null,
    strasse: null,
    plz: null,
    ort: 'Adelebsen',
    telefon: null,
    email: null,
    web: null,
    zielgruppen: [],
    angebote: null,
    kapazitaet: null,
    status: 'in Betrieb',
    foerderung: null,
    lage: [9.75, 51.58],
    lagegenauigkeit: 'adresse',
    quelle: null,
    geprueftAm: null,
    ...overrides,
  }) as Facility;
}

/** The next version of a facility as the server would return it. */
export function nextVersion(base: Facility, changes: Partial<Facility>, by = 'Anna Koordination'): Facility {
  return Object.freeze({
    ...base,
    ...changes,
    version: base.version + 1,
    geaendertAm: new Date(Date.parse(base.geaendertAm) + 60_000).toISOString(),
    geaendertVon: by,
  }) as Facility;
}
