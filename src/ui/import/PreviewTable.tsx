import { rowNoun, type ImportTable } from '../../domain/import/index';

const PREVIEW_ROWS = 5;

/** The first rows of the file as read, with their line (CSV) or feature number (GeoJSON). */
export function PreviewTable({ headers, table }: { headers: readonly string[]; table: ImportTable }) {
  return (
    <div className="table-scroll table-scroll--dialog table-scroll--preview">
      <table className="data-table preview-table" data-testid="import-preview">
        <thead>
          <tr>
            <th scope="col">{rowNoun(table)}</th>
            {headers.map((header, index) => (
              <th key={index} scope="col">
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.slice(0, PREVIEW_ROWS).map((row) => (
            <tr key={row.line}>
              <td className="muted">{row.line}</td>
              {headers.map((_, index) => (
                <td key={index}>{row.cells[index]}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
