// The profile report as planners get it: a template saved through the API (Planung only), the
// report made as a job (progress, cancel, download) on the running server, and the same template
// from the command line (which goes through that server). The PDFs are read back with poppler
// (pdfinfo, pdftotext, pdftoppm): one section per area with its name and key figures, nothing
// withheld in the text, the planned page count, no blank page, and the same text from both.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProfileResponseSchema, type ProfileResponse } from '../../src/domain/indicators/schema';
import { ReportJobSchema, ReportTemplateSchema, type ReportJob } from '../../src/domain/report/template';
import { hashPassword } from '../../src/server/auth/password';
import { createUser } from '../../src/server/db/users';
import { loadDistricts } from '../../src/server/districts';
import { startServer, type RunningServer } from '../../src/server/start';
import { runAtlas } from './support/atlasProcess';
import { PASSWORD, ROOT, freshDatabase, type FreshDatabase } from './support/testServer';

const territory = loadDistricts(ROOT).get('goettingen')!.territory;
const SOZIALRAEUME = territory.sozialraeume.features.map((feature) => feature.properties);
const REGIONEN = territory.sozialregionen.features.map((feature) => feature.properties);
/** The standard Kennzahlen and small counts that the protection must withhold somewhere. */
const KENNZAHLEN = ['bevoelkerung', 'anteil-unter-18', 'anteil-65-und-mehr', 'arbeitslose-je-1000', 'arbeitslose-15-bis-20', 'arbeitslose-schwerbehinderte', 'wanderungssaldo-je-1000'];
const TEMPLATE = { name: 'Sozialraumkonferenz 2026', kennzahlen: KENNZAHLEN, gebiete: null, stichtag: null };

let database: FreshDatabase;
let server: RunningServer;
let work: string;

/** A signed-in client against the running server (cookie and CSRF token kept). */
class Session {
  cookie = '';
  csrf = '';
  async login(email: string) {
    const response = await this.call('POST', '/api/session', { email, passwort: PASSWORD });
    expect(response.status, `${server.url} ${await response.clone().text()}`).toBe(200);
    this.csrf = (await response.json()).csrfToken;
  }
  async call(method: string, path: string, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrf && method !== 'GET') headers['x-csrf-token'] = this.csrf;
    const response = await fetch(new URL(path, server.url), { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0]!;
    return response;
  }
  async json(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
    const response = await this.call(method, path, body);
    return { status: response.status, body: await response.json() };
  }
}

const anonymous = new Session();
const planung = new Session();
const koordination = new Session();

const pdftotext = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
const pageCount = (file: string) => Number(/^Pages:\s+(\d+)$/m.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);

/** Share of non-white pixels of each page, rendered small as binary PPM (P6). */
function inkPerPage(file: string): number[] {
  const prefix = join(work, `ink-${Date.now()}`);
  execFileSync('pdftoppm', ['-r', '20', file, prefix]);
  const pages = execFileSync('ls', [work], { encoding: 'utf8' }).split('\n').filter((name) => name.startsWith(prefix.split('/').at(-1)!) && name.endsWith('.ppm')).sort();
  return pages.map((name) => {
    const data = readFileSync(join(work, name));
    const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(data.subarray(0, 40).toString('latin1'))!;
    const pixels = data.subarray(header[0].length);
    let ink = 0;
    for (let i = 0; i < pixels.length; i += 3) if (pixels[i]! + pixels[i + 1]! + pixels[i + 2]! < 600) ink++;
    return ink / (pixels.length / 3);
  });
}

/** Polls a job until it is no longer running; returns every progress seen and the last state. */
async function untilDone(session: Session, id: string): Promise<{ job: ReportJob; seen: number[] }> {
  const seen: number[] = [];
  for (;;) {
    const { status, body } = await session.json('GET', `/api/reports/${id}`);
    expect(status).toBe(200);
    const job = ReportJobSchema.parse(body);
    seen.push(job.fertig);
    if (job.status !== 'laeuft') return { job, seen };
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'report-test-'));
  database = await freshDatabase();
  const databaseUrl = 'DATABASE_URL' in database.env ? database.env.DATABASE_URL : undefined;
  const dataDir = 'DATA_DIR' in database.env ? database.env.DATA_DIR : '/nonexistent';
  server = await startServer({ port: 0, host: '127.0.0.1', dataDir, databaseUrl, anonymousRead: true, secureCookies: false, admin: null, root: ROOT, allowedOrigins: [] }, () => {});
  const passwordHash = await hashPassword(PASSWORD);
  await createUser(server.db, { email: 'planung@test.invalid', name: 'Planerin', rolle: 'planung', passwordHash, zustaendigkeiten: [] });
  await createUser(server.db, { email: 'koord@test.invalid', name: 'Koordinator', rolle: 'koordination', passwordHash, zustaendigkeiten: [] });
  await planung.login('planung@test.invalid');
  await koordination.login('koord@test.invalid');
}, 180_000);

afterAll(async () => {
  await server?.close();
  await database?.remove();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('report templates', () => {
  it('are saved by Planung only, named once per district, checked against the catalogue', async () => {
    expect((await anonymous.json('POST', '/api/districts/goettingen/report-templates', TEMPLATE)).status).toBe(401);
    const refused = await koordination.json('POST', '/api/districts/goettingen/report-templates', TEMPLATE);
    expect(refused).toMatchObject({ status: 403, body: { error: 'Berichtsvorlagen speichern dürfen nur Planung und Administration.' } });
    const unknown = await planung.json('POST', '/api/districts/goettingen/report-templates', { ...TEMPLATE, kennzahlen: ['gibtsnicht'] });
    expect(unknown).toMatchObject({ status: 400, body: { error: 'Der Bericht lässt sich so nicht erstellen: unbekannte Kennzahl „gibtsnicht“.' } });
    const saved = await planung.json('POST', '/api/districts/goettingen/report-templates', TEMPLATE);
    expect(saved.status).toBe(201);
    expect(ReportTemplateSchema.parse(saved.body)).toMatchObject({ ...TEMPLATE, version: 1, geaendertVon: 'Planerin' });
    expect((await planung.json('POST', '/api/districts/goettingen/report-templates', { ...TEMPLATE, name: 'sozialraumkonferenz 2026' })).status).toBe(409);
    const listed = await anonymous.json('GET', '/api/districts/goettingen/report-templates');
    expect(listed.body.vorlagen.map((template: { name: string }) => template.name)).toEqual([TEMPLATE.name]);
    // The Kennzahlen to choose from: the shipped ones with values, the standard choice marked.
    const offered = listed.body.kennzahlen as { id: string; standard: boolean; thema: string }[];
    expect(offered.find((entry) => entry.id === 'bevoelkerung')).toMatchObject({ standard: true, thema: expect.any(String) });
    expect(offered.find((entry) => entry.id === 'arbeitslose-je-1000')?.standard).toBe(true);
    expect(offered.some((entry) => !entry.standard)).toBe(true);
  });

  it('change with the version they were based on, and refuse a stale one', async () => {
    const { body } = await anonymous.json('GET', '/api/districts/goettingen/report-templates');
    const [template] = body.vorlagen;
    const other = await planung.json('POST', '/api/districts/goettingen/report-templates', { ...TEMPLATE, name: 'Nur Sozialregion 2', gebiete: ['sozialregion:sozialregion-2'] });
    const changed = await planung.json('PUT', `/api/report-templates/${other.body.id}`, { ...TEMPLATE, name: 'Nur Sozialregion 2', gebiete: ['sozialregion:sozialregion-2', 'sozialraum:adelebsen'], version: 1 });
    expect(changed).toMatchObject({ status: 200, body: { version: 2 } });
    expect((await planung.json('PUT', `/api/report-templates/${other.body.id}`, { ...TEMPLATE, name: 'Nur Sozialregion 2', version: 1 })).status).toBe(409);
    expect((await planung.json('DELETE', `/api/report-templates/${other.body.id}?version=2`)).status).toBe(200);
    expect((await anonymous.json('GET', '/api/districts/goettingen/report-templates')).body.vorlagen.map((each: { id: string }) => each.id)).toEqual([template.id]);
  });
});

describe('the Göttingen report from the saved template', () => {
  let apiPdf: string;
  let job: ReportJob;
  let seen: number[];

  beforeAll(async () => {
    const { body } = await anonymous.json('GET', '/api/districts/goettingen/report-templates');
    // A report costs the server seconds: signed-in users only, every role (the figures are the protected ones).
    expect((await anonymous.json('POST', '/api/districts/goettingen/reports', { vorlage: body.vorlagen[0].id })).status).toBe(401);
    const started = await koordination.json('POST', '/api/districts/goettingen/reports', { vorlage: body.vorlagen[0].id });
    expect(started.status).toBe(202);
    ({ job, seen } = await untilDone(koordination, started.body.id));
    expect((await planung.call('GET', `/api/reports/${job.id}/pdf`)).status).toBe(404);
    const response = await koordination.call('GET', `/api/reports/${job.id}/pdf`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="sozialraumprofile-goettingen-\d{4}-\d{2}-\d{2}\.pdf"$/);
    apiPdf = join(work, 'api.pdf');
    writeFileSync(apiPdf, Buffer.from(await response.arrayBuffer()));
  }, 120_000);

  it('runs as a job whose progress counts the 25 sections', () => {
    expect(job).toMatchObject({ status: 'fertig', fertig: 25, gesamt: 25, seiten: 28 });
    expect(seen.some((done) => done > 0 && done < 25)).toBe(true);
  });

  it('has the planned pages, title and language, and is tagged', () => {
    expect(pageCount(apiPdf)).toBe(28);
    const info = execFileSync('pdfinfo', [apiPdf], { encoding: 'utf8' });
    expect(info).toMatch(/^Title:\s+Sozialraumprofile Landkreis Göttingen$/m);
    expect(info).toMatch(/^Tagged:\s+yes$/m);
    expect(info).toMatch(/^Page size:\s+595\.28 x 841\.89 pts \(A4\)$/m);
    expect(readFileSync(apiPdf).includes('/Lang (de-DE)')).toBe(true);
  });

  it('has one section per Sozialregion and Sozialraum, each with its name and its key figures', async () => {
    const pages = pdftotext(apiPdf).split('\f');
    const sections = [...REGIONEN.map((region) => ({ key: `sozialregion:${region.id}`, title: region.name })), ...SOZIALRAEUME.map((area) => ({ key: `sozialraum:${area.id}`, title: `Sozialraum ${area.name}` }))];
    for (const section of sections) {
      const found = pages.filter((page, index) => index >= 2 && page.split('\n').some((line) => line.trim() === section.title));
      expect(found, section.title).toHaveLength(1);
      const { body } = await anonymous.json('GET', `/api/districts/goettingen/areas/${section.key}/profile`);
      const profile: ProfileResponse = ProfileResponseSchema.parse(body);
      for (const id of ['bevoelkerung', 'anteil-unter-18', 'arbeitslose-je-1000']) {
        const entry = profile.kennzahlen.find((each) => each.id === id)!;
        // A long name takes two lines; its figures stand beside the first.
        const lines = found[0]!.split('\n');
        const at = lines.findIndex((each) => each.trim().startsWith(entry.name.slice(0, 30)));
        expect(at, `${section.title}: ${entry.name}`).toBeGreaterThan(0);
        const row = `${lines[at]}\n${lines[at + 1]}`;
        expect(row, `${section.title}: ${entry.name}`).toContain(entry.wert.text);
        expect(row).toContain(entry.planungsraum.text);
      }
    }
    expect(pages[1]).toContain('Übersicht: 18 Sozialräume (ohne Stadt Göttingen)');
  });

  it('shows withheld figures as „•“ and never their value', async () => {
    const pages = pdftotext(apiPdf).split('\f');
    let withheld = 0;
    for (const area of SOZIALRAEUME) {
      const { body } = await planung.json('GET', `/api/districts/goettingen/areas/sozialraum:${area.id}/profile?ansicht=intern`);
      const page = pages.find((each) => each.split('\n').some((line) => line.trim() === `Sozialraum ${area.name}`))!;
      for (const entry of ProfileResponseSchema.parse(body).kennzahlen.filter((each) => KENNZAHLEN.includes(each.id) && each.wert.geheim)) {
        withheld++;
        const line = page.split('\n').find((each) => each.trim().startsWith(entry.name))!;
        const cells = line.trim().split(/\s{2,}/);
        expect(cells[1], `${area.name}: ${entry.name}`).toBe('•');
        expect(cells).not.toContain(entry.wert.text.replace(' (geschützt)', ''));
      }
    }
    expect(withheld).toBeGreaterThan(0);
  });

  it('has no blank page: every page carries ink', () => {
    const ink = inkPerPage(apiPdf);
    expect(ink).toHaveLength(28);
    for (const [index, share] of ink.entries()) expect(share, `Seite ${index + 1}`).toBeGreaterThan(0.01);
  });

  it('comes out of the command line with the same content for the same template', async () => {
    const cliPdf = join(work, 'cli.pdf');
    const result = await runAtlas(database, 'report', '--district', 'goettingen', '--out', cliPdf, '--vorlage', TEMPLATE.name);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/: 28 Seiten, 25 Abschnitte \(Vorlage „Sozialraumkonferenz 2026“\), in [\d,]+ s\.$/m);
    expect(pdftotext(cliPdf)).toBe(pdftotext(apiPdf));
  }, 120_000);

  it('refuses a wrong command line in German', async () => {
    const noOut = await runAtlas(database, 'report', '--district', 'goettingen');
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toMatch(/^Fehler: --out fehlt/m);
    const wrongTemplate = await runAtlas(database, 'report', '--district', 'goettingen', '--out', join(work, 'x.pdf'), '--vorlage', 'Gibt es nicht');
    expect(wrongTemplate.code).toBe(1);
    expect(wrongTemplate.stderr).toContain('Fehler: Die Berichtsvorlage „Gibt es nicht“ gibt es im Landkreis Göttingen nicht. Gespeichert: „Sozialraumkonferenz 2026“.');
  }, 120_000);
});

describe('a report job', () => {
  it('can be cancelled while it runs, is only its starter’s, and one at a time per session', async () => {
    const started = await planung.json('POST', '/api/districts/goettingen/reports', { kennzahlen: null, gebiete: null, stichtag: null });
    expect(started.status).toBe(202);
    expect((await koordination.json('GET', `/api/reports/${started.body.id}`)).status).toBe(404);
    // One running report per session: the second waits for the first.
    const again = await planung.json('POST', '/api/districts/goettingen/reports', { kennzahlen: null, gebiete: null, stichtag: null });
    expect(again).toMatchObject({ status: 429, body: { error: 'Ihr Bericht wird noch erstellt. Bitte warten, bis er fertig ist, oder ihn abbrechen.' } });
    const cancelled = await planung.json('POST', `/api/reports/${started.body.id}/cancel`, {});
    expect(cancelled).toMatchObject({ status: 200, body: { status: 'abgebrochen' } });
    const { job } = await untilDone(planung, started.body.id);
    expect(job.status).toBe('abgebrochen');
    expect((await planung.call('GET', `/api/reports/${started.body.id}/pdf`)).status).toBe(404);
  });

  it('refuses an unknown area in German', async () => {
    const refused = await koordination.json('POST', '/api/districts/goettingen/reports', { kennzahlen: null, gebiete: ['sozialraum:atlantis'], stichtag: null });
    expect(refused).toMatchObject({ status: 400, body: { error: 'Der Bericht lässt sich so nicht erstellen: unbekanntes Gebiet „sozialraum:atlantis“.' } });
  });
});
