import { useState, type DragEvent, type ReactNode } from 'react';
import { formatInteger } from '../../domain/format';
import type { WizardPreview } from '../../domain/import/wizard';

const ENCODING_LABELS: Record<string, string> = { 'utf-8': 'UTF-8', 'windows-1252': 'Windows-1252 (Excel)' };
const DELIMITER_LABELS: Record<string, string> = { ';': 'Semikolon', ',': 'Komma', '\t': 'Tabulator', '|': 'senkrechter Strich' };

interface FileStepProps {
  fileName: string;
  fileError: string | null;
  /** The file read last; the drop zone then shows how it was read and gets compact. */
  preview: WizardPreview<string> | null;
  /** What to drop, before a file is read. */
  prompt: ReactNode;
  /** The file input's `accept`. */
  accept: string;
  onFile(file: File): void;
}

/** Choosing a file: a drop zone with a file button, and why the last file could not be read. */
export function FileStep({ fileName, fileError, preview, prompt, accept, onFile }: FileStepProps) {
  const [dragOver, setDragOver] = useState(false);

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragOver(false);
    const file = event.dataTransfer.files[0];
    if (file) onFile(file);
  };

  return (
    <>
      <div
        className={`drop-zone${dragOver ? ' drop-zone--over' : ''}${preview ? ' drop-zone--compact' : ''}`}
        onDragOver={(event) => {
          event.preventDefault();
          setDragOver(true);
        }}
        onDragLeave={() => setDragOver(false)}
        onDrop={onDrop}
        data-testid="import-drop-zone"
      >
        <p>
          {preview ? (
            <>
              <strong>{fileName}</strong> · {preview.kind === 'csv' ? 'CSV' : 'GeoJSON'}
              {preview.encoding ? ` · ${ENCODING_LABELS[preview.encoding] ?? preview.encoding}` : ''}
              {preview.delimiter ? ` · getrennt durch ${DELIMITER_LABELS[preview.delimiter] ?? preview.delimiter}` : ''} ·{' '}
              {formatInteger(preview.table.rows.length)} {preview.kind === 'csv' ? 'Zeilen' : 'Objekte'}
            </>
          ) : (
            prompt
          )}
        </p>
        <label className="button">
          {preview ? 'Andere Datei …' : 'Datei auswählen …'}
          <input
            type="file"
            accept={accept}
            className="visually-hidden"
            onChange={(event) => {
              const file = event.target.files?.[0];
              if (file) onFile(file);
              event.target.value = '';
            }}
            data-testid="import-file"
          />
        </label>
      </div>
      {fileError && (
        <p className="form-error" role="alert" data-testid="import-file-error">
          {fileName ? <strong>{fileName}: </strong> : null}
          {fileError}
        </p>
      )}
    </>
  );
}
