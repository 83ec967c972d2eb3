import { ImportFileError } from './errors';

/** The text encodings the import reads: what Excel and LibreOffice write for "CSV" in Germany. */
export type TextEncodingName = 'utf-8' | 'windows-1252';

export interface DecodedText {
  /** The text without a byte order mark. */
  text: string;
  encoding: TextEncodingName;
}

const EXCEL_HINT = 'Bitte in Excel als „CSV (Trennzeichen-getrennt)“ speichern.';

/**
 * Decodes the bytes of a text file: UTF-8 (with or without byte order mark) when the bytes are
 * valid UTF-8, otherwise Windows-1252, which is what German Excel writes for "CSV
 * (Trennzeichen-getrennt)". Valid UTF-8 is practically never produced by accident from
 * Windows-1252 text with umlauts, so trying UTF-8 first is safe.
 *
 * Throws ImportFileError for empty files ('empty'), spreadsheets ('excel'), UTF-16 text
 * ('unsupported-encoding') and other binary files ('binary').
 *
 * @example decodeText(new Uint8Array([0x4b, 0xe4, 0x73, 0x65])) // { text: 'Käse', encoding: 'windows-1252' }
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes.length === 0) throw new ImportFileError('empty', 'Die Datei ist leer.');
  rejectKnownBinaryFormats(bytes);

  const utf8 = decodeUtf8(bytes);
  const decoded: DecodedText = utf8 === null ? { text: decodeWindows1252(bytes), encoding: 'windows-1252' } : { text: utf8, encoding: 'utf-8' };
  if (decoded.text.trim() === '') throw new ImportFileError('empty', 'Die Datei ist leer.');
  return decoded;
}

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((byte, index) => bytes[index] === byte);
}

function rejectKnownBinaryFormats(bytes: Uint8Array): void {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    throw new ImportFileError('excel', `Die Datei ist eine Excel-Arbeitsmappe (.xlsx). ${EXCEL_HINT}`);
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    throw new ImportFileError('excel', `Die Datei ist eine ältere Excel-Arbeitsmappe (.xls). ${EXCEL_HINT}`);
  }
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    throw new ImportFileError(
      'unsupported-encoding',
      'Die Datei ist als UTF-16 („Unicode-Text“) gespeichert. Bitte in Excel als „CSV UTF-8 (durch Trennzeichen getrennt)“ oder „CSV (Trennzeichen-getrennt)“ speichern.',
    );
  }
  // Text files never contain NUL bytes; images, PDFs, databases and archives almost always do.
  // Only the start is examined so a 50 MB file is not scanned twice.
  const sample = bytes.subarray(0, 64 * 1024);
  let controlBytes = 0;
  for (const byte of sample) {
    if (byte === 0) {
      throw new ImportFileError('binary', 'Die Datei ist keine Textdatei. Bitte eine CSV- oder GeoJSON-Datei wählen.');
    }
    if (byte < 0x09 || (byte > 0x0d && byte < 0x20 && byte !== 0x1a)) controlBytes++;
  }
  if (controlBytes > sample.length / 100) {
    throw new ImportFileError('binary', 'Die Datei ist keine Textdatei. Bitte eine CSV- oder GeoJSON-Datei wählen.');
  }
}

function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    // fatal: invalid sequences throw instead of becoming U+FFFD; the BOM is removed by default.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

// Bytes 0x80–0x9F of Windows-1252 (WHATWG Encoding Standard index). Node 20.18.3+ decodes
// "windows-1252" as Latin-1 and yields C1 control characters for these bytes
// (https://github.com/nodejs/node/issues/60888); browsers do it right. Mapping the C1 range
// afterwards gives the same text everywhere. 0x81, 0x8D, 0x8F, 0x90 and 0x9D stay as they are.
const WINDOWS_1252_C1 =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function decodeWindows1252(bytes: Uint8Array): string {
  return new TextDecoder('windows-1252').decode(bytes).replace(/[\u0080-\u009f]/g, (char) => WINDOWS_1252_C1[char.charCodeAt(0) - 0x80]!);
}
