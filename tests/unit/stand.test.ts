// The „Stand“ of facility data: from the facilities' own dates (Geprüft am, else the date of the
// source they were entered from), never from when the database was filled or changed.
import { describe, expect, it } from 'vitest';
import { facilityDate, facilityStand, formatStand, sourceDate } from '../../src/domain/facilities/stand';
import { deepFreeze } from './support/fixtures';
import { facility } from './support/facilities';

describe('sourceDate', () => {
  it.each([
    ['Trägerliste 2024', '2024'],
    ['Telefonat am 3.5.2024', '2024-05-03'],
    ['Liste vom 2024-05-03', '2024-05-03'],
    ['Broschüre 05/2019', '2019-05'],
    ['Hinweis. Quelle: Presse (Stand der Quelle: 03.2019). Lage: genähert.', '2019-03'],
    ['Presse (PNN, 2013); MAZ 2016-10-11', '2016-10-11'],
    // An explicit „Stand“ wins over a later date mentioned in passing.
    ['Stand der Quelle: 2019-03; Beschluss für 2021 angekündigt', '2019-03'],
    ['Stand ~2013', '2013'],
    // Digits of a web address are article numbers, not dates.
    ['https://www.example.invalid/artikel-11856838.html (2019-03)', '2019-03'],
    ['https://www.example.invalid/2019/februar_2019/meldung', null],
    ['Telefonat', null],
    ['Neu eingerichtet, nach 2016. Quelle: Blog (Stand der Quelle: unbekannt).', null],
    ['', null],
    [null, null],
  ])('%j → %j', (text, expected) => {
    expect(sourceDate(text)).toBe(expected);
  });
});

describe('facilityStand', () => {
  it('takes Geprüft am where there is one, else the source date, and never the date of the last change', () => {
    const checked = facility({ geprueftAm: '2025-01-15', quelle: 'Trägerliste 2019', geaendertAm: '2026-12-01T10:00:00.000Z' });
    const fromSource = facility({ geprueftAm: null, quelle: 'Presse, Stand der Quelle: 03/2019', geaendertAm: '2026-12-01T10:00:00.000Z' });
    const undated = facility({ geprueftAm: null, quelle: 'Telefonat', geaendertAm: '2026-12-01T10:00:00.000Z' });
    expect([checked, fromSource, undated].map(facilityDate)).toEqual(['2025-01-15', '2019-03', null]);
    const stand = facilityStand(deepFreeze([checked, fromSource, undated]));
    expect(stand).toEqual({ anzahl: 3, geprueft: 1, ohneDatum: 1, aeltestes: '2019-03', neuestes: '2025-01-15' });
    expect(formatStand(stand)).toBe('Stand 03.2019 bis 15.01.2025 (Geprüft am oder Datum der Quelle) · 1 von 3 geprüft · 1 ohne Datum');
  });

  it('says so when nothing is dated or nothing is recorded', () => {
    expect(formatStand(facilityStand([facility({ quelle: null, geprueftAm: null })]))).toBe('ohne Datum (weder geprüft noch Quelle mit Datum) · 0 von 1 geprüft');
    expect(formatStand(facilityStand([]))).toBe('keine Einrichtungen erfasst');
    expect(formatStand(facilityStand([facility({ quelle: 'Liste 2019', geprueftAm: null })]))).toBe('Stand 2019 (Geprüft am oder Datum der Quelle) · 0 von 1 geprüft');
  });
});
