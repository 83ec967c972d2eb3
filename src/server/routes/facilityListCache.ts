import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { FacilityFilter } from '../../domain/facilities/schema';
import type { Queryable } from '../db/database';
import type { Facility } from '../../domain/facilities/schema';
import { VISIBLE, changeCursor, listFacilities, listFacilityChanges } from '../db/facilities';
import { jsonInSlices } from '../imports/slices';

// The facility list is what every viewer loads and polls (every 15 s): the same bytes for
// everyone until someone changes a facility of the district. So it is built and compressed once
// per district version and filter, and an unchanged list answers 304 by its ETag. The version is
// a fingerprint query, asked at most every FINGERPRINT_SECONDS (the embedded database runs on
// the server's own thread: one query per request was the bottleneck at 200 readers) and at once
// after any change through this server (invalidate); changes from outside the server, a QGIS
// user editing the PostgreSQL table, show within those seconds.

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** One built list: its version, its ETag and the body in each encoding. */
export interface CachedList {
  etag: string;
  body: { identity: Uint8Array<ArrayBuffer>; br: Uint8Array<ArrayBuffer>; gzip: Uint8Array<ArrayBuffer> };
}

/**
 * Runs `run` for everyone who asks while it runs, but never hands out an answer from a run that
 * began before the caller asked (that answer could miss a change the caller just made).
 */
function coalesced<T>(run: () => Promise<T>): () => Promise<T> {
  let current: Promise<T> | null = null;
  let next: Promise<T> | null = null;
  const start = () => {
    current = run().finally(() => {
      current = null;
    });
    return current;
  };
  return () => {
    if (next) return next;
    if (!current) return start();
    next = current
      .catch(() => undefined)
      .then(() => {
        next = null;
        return start();
      });
    return next;
  };
}

// A change of any facility of the district changes one of these: every write raises a version
// and sets geaendert_am, a new facility raises the count. Only visible facilities count: an
// import batch becomes visible by one UPDATE of its status, which touches no facility row, so
// its facilities must change the count when they appear, not while they are being written.
const FINGERPRINT_SQL = `SELECT count(*)::text AS n, coalesce(sum(version), 0)::text AS versions, coalesce(max(geaendert_am), 'epoch'::timestamptz)::text AS latest
  FROM facilities WHERE district = $1 AND ${VISIBLE}`;

const FINGERPRINT_SECONDS = 2;

/**
 * Brotli 9 makes a list of 130 KB a few per cent smaller than 5 in a few milliseconds; for a
 * list of 10,000 facilities (7 MB) it took 1.5 s against 0.4 s for the same size within 2 %,
 * and the first reader after an import waits for it.
 */
export const brotliQuality = (bytes: number) => (bytes > 1_000_000 ? 5 : 9);

export class FacilityListCache {
  private readonly fingerprints = new Map<string, () => Promise<string>>();
  private readonly checked = new Map<string, { at: number; fingerprint: string }>();
  private generation = 0;
  private readonly lists = new Map<string, { fingerprint: string; list: Promise<CachedList> }>();

  constructor(
    private readonly db: Queryable,
    private readonly maxLists = 64,
  ) {}

  /** Something may have changed: ask the database again on the next request. */
  invalidate(): void {
    this.generation++;
    this.checked.clear();
  }

  private async fingerprint(district: string): Promise<string> {
    const known = this.checked.get(district);
    if (known && Date.now() - known.at < FINGERPRINT_SECONDS * 1000) return known.fingerprint;
    const asked = Date.now();
    const generation = this.generation;
    const fingerprint = await this.query(district);
    // A change while the query ran: the next request asks again.
    if (generation === this.generation) this.checked.set(district, { at: asked, fingerprint });
    return fingerprint;
  }

  private query(district: string): Promise<string> {
    let query = this.fingerprints.get(district);
    if (!query) {
      query = coalesced(async () => {
        const [row] = await this.db.query<{ n: string; versions: string; latest: string }>(FINGERPRINT_SQL, [district]);
        return `${row?.n}:${row?.versions}:${row?.latest}`;
      });
      this.fingerprints.set(district, query);
    }
    return query();
  }

  /** The list of a district under a filter, built anew only when the district changed. */
  get(district: string, filter: FacilityFilter): Promise<CachedList> {
    return this.cached(district, JSON.stringify([district, filter]), (fingerprint) =>
      this.build(district, JSON.stringify(filter), fingerprint, () => listFacilities(this.db, district, filter)),
    );
  }

  /**
   * What changed since a stand: the tabs of a district poll with the same stand (that of the
   * list they all got), so the answer is built once per district version like the list.
   */
  changes(district: string, since: number): Promise<CachedList> {
    return this.cached(district, JSON.stringify([district, 'seit', since]), (fingerprint) =>
      this.build(district, `seit ${since}`, fingerprint, () => listFacilityChanges(this.db, district, since)),
    );
  }

  private async cached(district: string, key: string, build: (fingerprint: string) => Promise<CachedList>): Promise<CachedList> {
    const fingerprint = await this.fingerprint(district);
    const cached = this.lists.get(key);
    // Map order is insertion order: re-inserting keeps the most recently used last.
    this.lists.delete(key);
    if (cached && cached.fingerprint === fingerprint) {
      this.lists.set(key, cached);
      return cached.list;
    }
    const list = build(fingerprint);
    this.lists.set(key, { fingerprint, list });
    list.catch(() => this.lists.delete(key));
    while (this.lists.size > this.maxLists) this.lists.delete(this.lists.keys().next().value!);
    return list;
  }

  private async build(district: string, what: string, fingerprint: string, read: () => Promise<Facility[]>): Promise<CachedList> {
    // The counter first: a change after it is then in the list or in the next changes after it.
    const stand = await changeCursor(this.db);
    // Encoded in slices: JSON.stringify of 10,000 facilities held the thread for 150-400 ms.
    const identity = Buffer.from(await new Response(jsonInSlices({ stand }, 'facilities', await read())).arrayBuffer());
    const [br, gzipped] = await Promise.all([
      brotli(identity, { params: { [constants.BROTLI_PARAM_QUALITY]: brotliQuality(identity.length), [constants.BROTLI_PARAM_SIZE_HINT]: identity.length } }),
      gzipAsync(identity, { level: 9 }),
    ]);
    const etag = `W/"${createHash('sha256').update(`${district}\n${what}\n${fingerprint}`).digest('base64url').slice(0, 27)}"`;
    // Copied once into plain byte arrays, which is what a response body takes.
    return { etag, body: { identity: new Uint8Array(identity), br: new Uint8Array(br), gzip: new Uint8Array(gzipped) } };
  }
}

/** Whether an If-None-Match header names the ETag (weak comparison, as for GET). */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || bare(tag) === bare(etag));
}

/** The best encoding the client accepts: brotli, then gzip, else none. */
export function chooseEncoding(acceptEncoding: string | undefined): 'br' | 'gzip' | 'identity' {
  const accepted = new Map(
    (acceptEncoding ?? '').split(',').map((part) => {
      const [name = '', ...parameters] = part.trim().toLowerCase().split(';');
      const q = parameters.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
      return [name.trim(), q === undefined ? 1 : Number(q)] as const;
    }),
  );
  const quality = (name: string) => accepted.get(name) ?? accepted.get('*') ?? 0;
  if (quality('br') > 0) return 'br';
  if (quality('gzip') > 0) return 'gzip';
  return 'identity';
}
