import { createDuplicateIndex } from '../../domain/facilities/duplicates';
import { mayEditAt } from '../../domain/facilities/permissions';
import type { DuplicateFacility, ImportRowReport } from '../../domain/facilities/responses';
import { FacilityFieldsSchema, type FacilityFields, type User } from '../../domain/facilities/schema';
import type { DistrictRuntime } from '../districts';
import { ApiError, describeIssues } from '../errors';
import type { ProgressReporter } from './progress';
import { inSlices } from './slices';

/** A facility already in the database, as the duplicate check sees it. */
export type ExistingPlace = Omit<DuplicateFacility, 'metres'> & { lage: [number, number] };

export interface CheckedImport {
  rows: FacilityFields[];
  reports: ImportRowReport[];
}

/**
 * Validates the rows of an import body with the facility schema, in time slices (so the server
 * keeps answering others), and refuses the whole request with every problem when one row is
 * not a facility: the browser sends only rows it has read without errors.
 */
export async function parseImportRows(raw: readonly unknown[], progress: ProgressReporter, signal?: AbortSignal): Promise<FacilityFields[]> {
  const rows: FacilityFields[] = [];
  const problems: string[] = [];
  await inSlices(
    raw,
    (row, index) => {
      const parsed = FacilityFieldsSchema.safeParse(row);
      if (parsed.success) rows.push(parsed.data);
      else problems.push(...describeIssues(parsed.error.issues.map((issue) => ({ ...issue, path: ['rows', index, ...issue.path] }))));
    },
    { onProgress: (done) => progress.step('lesen', done, raw.length), signal },
  );
  if (problems.length > 0) throw new ApiError(400, 'invalid_input', `Ungültige Eingabe: ${problems.join('; ')}`, { problems });
  return rows;
}

/**
 * The server's half of the import check: what the browser cannot know. Category in the
 * district's catalogue, inside the Kreis, inside the user's area; rows repeating an earlier
 * row exactly; possible duplicates (same name within 250 m) of facilities in the database and
 * of earlier rows. Duplicates are found through spatial indexes (O(n log n)), the work runs in
 * time slices and reports progress. Without `existing` (the commit: duplicates are warnings and
 * were shown by the check) only what can refuse a row is checked.
 */
export async function checkImportRows(
  district: DistrictRuntime,
  rows: readonly FacilityFields[],
  existing: readonly ExistingPlace[] | null,
  user: User,
  progress: ProgressReporter,
  signal?: AbortSignal,
): Promise<ImportRowReport[]> {
  const reports: ImportRowReport[] = [];
  await inSlices(
    rows,
    (row, index) => {
      const errors: string[] = [];
      if (!district.categories.some((category) => category.id === row.category)) errors.push(`Unbekannte Kategorie „${row.category}“`);
      const location = district.locate(row.lage);
      if (location.gemeindeAgs === null) errors.push(`Punkt liegt außerhalb des ${district.name}`);
      else if (!mayEditAt(user, district.id, location.sozialraumId, (_, id) => district.regionOf(id))) {
        errors.push('Punkt liegt außerhalb Ihres Zuständigkeitsbereichs');
      }
      reports.push({ index, errors, warnings: [], ...location, wiederholt: null, duplikat: null, aehnlich: null });
    },
    { onProgress: (done) => progress.step('pruefen', done, rows.length), signal },
  );

  if (existing === null) return reports;
  const inDatabase = createDuplicateIndex(existing);
  const inFile = createDuplicateIndex(rows);
  const firstOf = new Map<string, number>();
  await inSlices(
    rows,
    (row, index) => {
      const report = reports[index]!;
      // The schema's output has a fixed key order, so equal rows give equal text.
      const key = JSON.stringify(row);
      const earlier = firstOf.get(key);
      if (earlier === undefined) firstOf.set(key, index);
      else {
        report.wiederholt = earlier;
        report.warnings.push('Gleicht genau einer früheren Zeile');
      }
      const database = inDatabase.nearest(row);
      if (database) {
        const facility = existing[database.index]!;
        report.duplikat = { id: facility.id, name: facility.name, category: facility.category, strasse: facility.strasse, plz: facility.plz, ort: facility.ort, metres: database.metres };
        report.warnings.push(`Mögliches Duplikat von „${facility.name}“ (${Math.round(database.metres)} m entfernt)`);
      }
      if (report.wiederholt === null) {
        const similar = inFile.nearest(row, (other) => other < index);
        if (similar) {
          report.aehnlich = similar.index;
          report.warnings.push(`Mögliches Duplikat einer früheren Zeile „${rows[similar.index]!.name}“ (${Math.round(similar.metres)} m entfernt)`);
        }
      }
    },
    { onProgress: (done) => progress.step('duplikate', done, rows.length), signal },
  );
  return reports;
}
