/**
 * The one error type of the import: everything wrong with a file as a whole (as opposed to a
 * single row) ends up here, with a stable `code` for the UI and tests and a German message
 * that says what to do.
 */
export type ImportFileErrorCode =
  | 'empty'
  | 'binary'
  | 'excel'
  | 'unsupported-format'
  | 'unsupported-encoding'
  | 'no-header'
  | 'no-rows'
  | 'ragged-rows'
  | 'unclosed-quote'
  | 'invalid-json'
  | 'not-featurecollection'
  | 'unsupported-crs'
  | 'too-large'
  | 'unreadable';

/**
 * A file the import cannot read, with a German message for the user.
 *
 * @example
 * try { parseImportFile(bytes, 'kitas.xlsx') } catch (error) {
 *   if (error instanceof ImportFileError) showNotice(error.message) // "Die Datei ist eine Excel-Arbeitsmappe …"
 * }
 */
export class ImportFileError extends Error {
  override readonly name = 'ImportFileError';

  constructor(
    readonly code: ImportFileErrorCode,
    message: string,
    /** The file line the problem is on, when there is one (ragged rows, unclosed quote). */
    readonly line?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Files with more rows than this are refused; the server accepts at most as many per import. */
export const MAX_IMPORT_ROWS = 20_000;

/** Files larger than this are refused before decoding (about 100 times a full 20,000-row list). */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;
