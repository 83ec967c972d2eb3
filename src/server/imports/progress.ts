import type { ImportProgress } from '../../domain/facilities/responses';

interface Entry extends ImportProgress {
  userId: string;
  finished: number | null;
}

/** How long a finished check or import still answers its progress (a last poll may come late). */
const KEEP_FINISHED_MS = 60_000;

/**
 * Progress of the checks and imports running on the server, by the id the browser chose
 * (`vorgang`), readable only by the user who started them. In memory: progress is worth
 * nothing after a restart, and the import batch in the database says what was written.
 */
export class ImportProgressRegistry {
  private readonly entries = new Map<string, Entry>();

  /** A reporter for one run; without an id (API clients that do not ask) it reports to nobody. */
  start(id: string | undefined, userId: string): ProgressReporter {
    this.sweep();
    if (!id) return { step: () => {}, finish: () => {} };
    const entry: Entry = { userId, schritt: 'lesen', erledigt: 0, gesamt: 0, finished: null };
    this.entries.set(id, entry);
    return {
      step: (schritt, erledigt, gesamt) => Object.assign(entry, { schritt, erledigt, gesamt }),
      finish: () => Object.assign(entry, { schritt: 'fertig', erledigt: entry.gesamt, finished: Date.now() }),
    };
  }

  get(id: string, userId: string): ImportProgress | null {
    const entry = this.entries.get(id);
    if (!entry || entry.userId !== userId) return null;
    return { schritt: entry.schritt, erledigt: entry.erledigt, gesamt: entry.gesamt };
  }

  private sweep(): void {
    const now = Date.now();
    for (const [id, entry] of this.entries) if (entry.finished !== null && now - entry.finished > KEEP_FINISHED_MS) this.entries.delete(id);
  }
}

export interface ProgressReporter {
  step(schritt: ImportProgress['schritt'], erledigt: number, gesamt: number): void;
  finish(): void;
}
