// The profile report from the command line (npm run -s atlas -- report …), for a scheduled job:
//   npm run -s atlas -- report --district goettingen --out profile.pdf [--vorlage NAME] [--stichtag JJJJ]
//       [--gebiete adelebsen,sozialregion:sozialregion-2] [--kennzahlen bevoelkerung,anteil-unter-18]
// The same report as „Bericht erstellen“ in the app (report/produce.ts), drawn without a browser.
// While the server holds the embedded database it makes the report; otherwise this process does.
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildHierarchy } from '../domain/indicators/hierarchy';
import { findArea } from '../domain/indicators/views';
import { ReferenceDateSchema } from '../domain/report/template';
import { openAtlasAccess } from './atlasAccess';
import { readConfig } from './config';
import { loadDistricts, type DistrictRuntime } from './districts';
import { CliReportResultSchema, cliReport, today, type CliReportRequest, type CliReportResult } from './report/produce';

const ROOT = resolve(import.meta.dirname, '..', '..');

export const REPORT_USAGE = `  npm run -s atlas -- report --district LANDKREIS --out DATEI.pdf [--vorlage NAME] [--stichtag JJJJ|JJJJ-MM-TT]
                           [--gebiete ID,ID…] [--kennzahlen ID,ID…]
      Die Sozialraumprofile als ein PDF (A4): Titelseite, Inhalt, Übersicht, je Sozialregion und Sozialraum ein
      Abschnitt mit Karte, Kennzahlen gegen den Planungsraum, Spine-Diagrammen, Verlauf und Einrichtungen.
      --vorlage nimmt eine in der App gespeicherte Berichtsvorlage (die übrigen Optionen gehen ihr vor);
      --gebiete Sozialraum-ids oder „sozialregion:ID“ (die Übersicht ist immer dabei). Kleine Zahlen geschützt.`;

/** Wrong use: message and usage, exit code 2 (the atlas CLI prints the usage). */
export class ReportUsageError extends Error {}

const say = (message: string) => process.stderr.write(`${message}\n`);

const list = (text: string | undefined) => (text === undefined ? null : text.split(',').map((part) => part.trim()).filter(Boolean));

/** Sozialraum ids or keys as area keys of the report; unknown or other levels refused in German. */
function areaKeys(district: DistrictRuntime, names: string[] | null): string[] | null {
  if (names === null) return null;
  const hierarchy = buildHierarchy(district.territory);
  const known = district.territory.sozialraeume.features.map((feature) => feature.properties.id).join(', ');
  return names.map((name) => {
    const node = findArea(hierarchy, name);
    if (!node || (node.level !== 'sozialraum' && node.level !== 'sozialregion')) {
      throw new ReportUsageError(`--gebiete: „${name}“ ist im ${district.name} weder Sozialraum noch Sozialregion. Sozialräume: ${known}.`);
    }
    return node.key;
  });
}

export async function runReportCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      district: { type: 'string' },
      out: { type: 'string' },
      vorlage: { type: 'string' },
      stichtag: { type: 'string' },
      gebiete: { type: 'string' },
      kennzahlen: { type: 'string' },
    },
  });
  if (positionals.length > 0) throw new ReportUsageError(`Unerwartete Angabe „${positionals[0]}“.`);
  const districts = loadDistricts(ROOT);
  const knownDistricts = [...districts.keys()].join(', ');
  if (!values.district) throw new ReportUsageError(`--district fehlt. Bekannt: ${knownDistricts}.`);
  const district = districts.get(values.district);
  if (!district) throw new ReportUsageError(`Unbekannter Landkreis „${values.district}“. Bekannt: ${knownDistricts}.`);
  if (!values.out) throw new ReportUsageError('--out fehlt: wohin das PDF geschrieben wird (z. B. --out profile.pdf).');
  const out = resolve(values.out);
  if (!existsSync(dirname(out)) || !statSync(dirname(out)).isDirectory()) throw new ReportUsageError(`Das Verzeichnis für „${values.out}“ gibt es nicht.`);
  if (existsSync(out) && statSync(out).isDirectory()) throw new ReportUsageError(`„${values.out}“ ist ein Verzeichnis; bitte einen Dateinamen angeben.`);
  if (values.stichtag !== undefined && !ReferenceDateSchema.safeParse(values.stichtag).success) {
    throw new ReportUsageError(`--stichtag „${values.stichtag}“ ist kein Jahr (JJJJ) und kein Datum (JJJJ-MM-TT).`);
  }
  const kennzahlen = list(values.kennzahlen);
  if (kennzahlen !== null && kennzahlen.length === 0) throw new ReportUsageError('--kennzahlen ist leer.');
  const request: CliReportRequest = {
    vorlage: values.vorlage ?? null,
    kennzahlen,
    gebiete: areaKeys(district, list(values.gebiete)),
    stichtag: values.stichtag ?? null,
  };
  const started = performance.now();
  const access = await openAtlasAccess(readConfig(process.env, ROOT), districts, say, 'npm run atlas');
  let result: CliReportResult;
  try {
    result = access.database
      ? await cliReport(access.database, district, request, today())
      : await access.server!('POST', `/api/cli/districts/${encodeURIComponent(district.id)}/report`, CliReportResultSchema, request);
  } finally {
    await access.close();
  }
  writeFileSync(out, Buffer.from(result.pdf, 'base64'));
  say(
    `${values.out}: ${result.seiten} Seiten, ${result.abschnitte.length} Abschnitte${result.vorlage ? ` (Vorlage „${result.vorlage}“)` : ''}, ` +
      `in ${new Intl.NumberFormat('de-DE', { maximumFractionDigits: 1 }).format((performance.now() - started) / 1000)} s.`,
  );
  return 0;
}
