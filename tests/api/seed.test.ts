// The reviewed seed of known family centres on a real database: a fresh database gets the
// reviewed list; one seeded with the first list gets the reviewed values for the centres nobody
// changed, as a new version in their history, and keeps what a coordinator changed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultFields, type FacilityFields } from '../../src/domain/facilities/schema';
import type { Database } from '../../src/server/db/database';
import { migrate } from '../../src/server/db/migrations';
import { facilityHistory, insertFacility, listFacilities, updateFacility } from '../../src/server/db/facilities';
import { loadDistricts, type DistrictRuntime } from '../../src/server/districts';
import { seedKnownFamilyCentres } from '../../src/server/seed';
import { ROOT, freshDatabase, type FreshDatabase } from './support/testServer';

const FIRST_SEED = { userId: null, name: 'Erstbefüllung aus öffentlichen Quellen' };
const COORDINATOR = { userId: null, name: 'Test Koordination' };

let fresh: FreshDatabase;
let db: Database;
let districts: Map<string, DistrictRuntime>;

/** A centre as the first, unreviewed seed wrote it. */
function firstSeed(name: string, lage: [number, number]): FacilityFields {
  return { ...defaultFields(), category: 'familienzentrum', name, status: 'geplant', lage, lagegenauigkeit: 'ortslage', quelle: 'same text https://example.invalid/' };
}

beforeAll(async () => {
  fresh = await freshDatabase();
  db = await fresh.open();
  // A PGlite copy comes migrated; a PostgreSQL test database (npm test's second pass) comes empty.
  await migrate(db);
  districts = loadDistricts(ROOT);
  const goettingen = districts.get('goettingen')!;
  const at = (lage: [number, number]) => goettingen.locate(lage);
  await db.transaction(async (tx) => {
    await insertFacility(tx, 'goettingen', firstSeed('Familienzentrum Osterode am Harz (Name nicht veröffentlicht)', [10.25089, 51.72686]), at([10.25089, 51.72686]), FIRST_SEED, 'importiert');
    const bovenden = await insertFacility(tx, 'goettingen', firstSeed('Familienzentrum Bovenden (Name nicht veröffentlicht)', [9.9222, 51.58836]), at([9.9222, 51.58836]), FIRST_SEED, 'importiert');
    // A coordinator has already corrected this one: the review must leave it alone.
    await updateFacility(tx, bovenden.id, 1, { ...firstSeed('Familienzentrum Bovenden am Markt', [9.9222, 51.58836]), status: 'in Betrieb' }, at([9.9222, 51.58836]), false, 'geaendert', COORDINATOR);
    await tx.query("INSERT INTO seeds (name) VALUES ('familienzentren:goettingen:1')");
  });
}, 90_000);

afterAll(async () => {
  await db?.close();
  await fresh?.remove();
});

describe('seeding the reviewed family centres', () => {
  it('updates the untouched centres of the first seed, keeps changed ones, and seeds a fresh district in full', async () => {
    const written = await seedKnownFamilyCentres(db, districts, ROOT);
    const goettingen = await listFacilities(db, 'goettingen', { geloescht: 'alle' });
    expect(goettingen.map((facility) => facility.name).sort()).toEqual(['Familienzentrum Bovenden am Markt', 'Familienzentrum in Osterode am Harz']);
    const osterode = goettingen.find((facility) => facility.name === 'Familienzentrum in Osterode am Harz')!;
    expect(osterode).toMatchObject({ version: 2, status: 'in Betrieb', bestaetigung: 'bestätigt', lagegenauigkeit: 'gemeinde', sozialraumId: 'osterode-am-harz' });
    expect(osterode.quelle).toMatch(/Stand der Quelle: 10\.2020/);
    const history = await facilityHistory(db, osterode.id);
    expect(history.map((version) => [version.version, version.action, version.von])).toEqual([
      [2, 'geaendert', 'Überprüfung der Erstbefüllung (Quellen 2013–2020)'],
      [1, 'importiert', 'Erstbefüllung aus öffentlichen Quellen'],
    ]);
    expect(goettingen.find((facility) => facility.name === 'Familienzentrum Bovenden am Markt')).toMatchObject({ version: 2, geaendertVon: 'Test Koordination' });

    const potsdam = await listFacilities(db, 'potsdam-mittelmark', { geloescht: 'alle' });
    expect(potsdam).toHaveLength(14);
    expect(potsdam.filter((facility) => facility.bestaetigung === 'unbestätigt').map((facility) => facility.name).sort()).toEqual([
      'Begegnungsstätte und Familienangebot Borkheide/Borkwalde',
      'Eltern-Kind-Zentrum in der Kita Tausendfüßler',
      'Familienzentrum Teltow',
      'Mobiles Familienzentrum im Amt Beetzsee (Idee)',
    ]);
    expect(written).toBe(1 + 14);
  });

  it('runs once: a second start writes nothing', async () => {
    expect(await seedKnownFamilyCentres(db, districts, ROOT)).toBe(0);
    expect((await db.query<{ name: string }>('SELECT name FROM seeds ORDER BY name')).map((row) => row.name)).toEqual([
      'familienzentren:goettingen:1',
      'familienzentren:goettingen:2',
      'familienzentren:potsdam-mittelmark:2',
    ]);
  });
});
