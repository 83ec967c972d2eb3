import type { DuplicateFacility } from '../../domain/facilities/responses';
import type { ImportFields } from '../../domain/import/index';
import { formatInteger } from '../../domain/format';

interface DuplicateComparisonProps {
  line: number;
  noun: string;
  row: ImportFields;
  facility: DuplicateFacility;
  categoryLabel(id: string): string;
}

const place = (plz: string | null | undefined, ort: string | null | undefined) => [plz, ort].filter(Boolean).join(' ') || '–';

/** A file row beside the facility in the database it may duplicate, so the user can decide whether to import it. */
export function DuplicateComparison({ line, noun, row, facility, categoryLabel }: DuplicateComparisonProps) {
  const lines: [string, string, string][] = [
    ['Name', row.name ?? '–', facility.name],
    ['Kategorie', row.category ? categoryLabel(row.category) : '–', categoryLabel(facility.category)],
    ['Straße', row.strasse ?? '–', facility.strasse ?? '–'],
    ['Ort', place(row.plz, row.ort), place(facility.plz, facility.ort)],
  ];
  return (
    <table className="duplicate-comparison" data-testid="import-duplicate-comparison">
      <caption>
        Mögliches Duplikat: {formatInteger(facility.metres)} m voneinander entfernt
      </caption>
      <thead>
        <tr>
          <th scope="col">
            <span className="visually-hidden">Angabe</span>
          </th>
          <th scope="col">
            In der Datei ({noun} {line})
          </th>
          <th scope="col">In der Datenbank</th>
        </tr>
      </thead>
      <tbody>
        {lines.map(([label, inFile, inDatabase]) => (
          <tr key={label} className={inFile.trim().toLowerCase() === inDatabase.trim().toLowerCase() ? undefined : 'duplicate-comparison__differs'}>
            <th scope="row">{label}</th>
            <td>{inFile}</td>
            <td>{inDatabase}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
