import { randomUUID } from 'node:crypto';
import type { ReportJob } from '../../domain/report/template';
import { ReportRefused } from './produce';
import { ReportCancelled } from './render';

// Report jobs of the running server: a report takes seconds, so the API starts it, the browser
// polls its progress, may cancel it and fetches the PDF when it is done. Kept in memory (a report
// is made again in seconds; nothing is lost with a restart), a finished one for 15 minutes, at
// most two drawn at once and one per session, so readers of the map are still answered between the sections.

const KEEP_MS = 15 * 60 * 1000;
const MAX_RUNNING = 2;

interface Job {
  state: ReportJob;
  controller: AbortController;
  pdf: Buffer | null;
  /** Who started it (a session id, or null anonymously): only they see it. */
  owner: string | null;
  finishedAt: number | null;
}

export type ReportWork = (progress: (done: number, total: number, name: string) => void, signal: AbortSignal) => Promise<{ pdf: Buffer; pages: number; fileName: string }>;

/** Too many reports at once (429). */
export class ReportsBusy extends Error {}

export class ReportJobs {
  private readonly jobs = new Map<string, Job>();

  constructor(private readonly now: () => number = Date.now) {}

  private sweep(): void {
    for (const [id, job] of this.jobs) if (job.finishedAt !== null && this.now() - job.finishedAt > KEEP_MS) this.jobs.delete(id);
  }

  start(owner: string | null, total: number, work: ReportWork): ReportJob {
    this.sweep();
    const running = [...this.jobs.values()].filter((job) => job.state.status === 'laeuft');
    if (running.some((job) => job.owner === owner)) throw new ReportsBusy('Ihr Bericht wird noch erstellt. Bitte warten, bis er fertig ist, oder ihn abbrechen.');
    if (running.length >= MAX_RUNNING) throw new ReportsBusy('Es werden gerade zwei Berichte erstellt. Bitte in einigen Sekunden erneut versuchen.');
    const id = randomUUID();
    const job: Job = {
      state: { id, status: 'laeuft', fertig: 0, gesamt: total, meldung: 'Bericht wird vorbereitet …', seiten: null, dateiname: null },
      controller: new AbortController(),
      pdf: null,
      owner,
      finishedAt: null,
    };
    this.jobs.set(id, job);
    const finish = (change: Partial<ReportJob>) => {
      job.state = { ...job.state, ...change };
      job.finishedAt = this.now();
    };
    // Started on the next turn, so the answer with the id goes out first.
    setImmediate(() => {
      work((done, all, name) => {
        if (job.state.status === 'laeuft') job.state = { ...job.state, fertig: done, gesamt: all, meldung: `${name} gezeichnet (${done} von ${all})` };
      }, job.controller.signal).then(
        ({ pdf, pages, fileName }) => {
          if (job.controller.signal.aborted) return finish({ status: 'abgebrochen', meldung: 'Abgebrochen.' });
          job.pdf = pdf;
          finish({ status: 'fertig', fertig: job.state.gesamt, seiten: pages, dateiname: fileName, meldung: `Fertig: ${pages} Seiten.` });
        },
        (error: unknown) => {
          if (error instanceof ReportCancelled || job.controller.signal.aborted) return finish({ status: 'abgebrochen', meldung: 'Abgebrochen.' });
          finish({ status: 'fehler', meldung: error instanceof ReportRefused ? error.message : 'Der Bericht konnte nicht erstellt werden (Fehler im Server, siehe Protokoll).' });
          if (!(error instanceof ReportRefused)) console.error(`report job ${id} failed: ${error instanceof Error ? error.message : 'unknown error'}`);
        },
      );
    });
    return job.state;
  }

  /** The job as its owner sees it; null for an unknown id or another's job. */
  get(id: string, owner: string | null): ReportJob | null {
    const job = this.jobs.get(id);
    return job && job.owner === owner ? job.state : null;
  }

  pdf(id: string, owner: string | null): { pdf: Buffer; fileName: string } | null {
    const job = this.jobs.get(id);
    return job && job.owner === owner && job.pdf && job.state.dateiname ? { pdf: job.pdf, fileName: job.state.dateiname } : null;
  }

  cancel(id: string, owner: string | null): ReportJob | null {
    const job = this.jobs.get(id);
    if (!job || job.owner !== owner) return null;
    if (job.state.status === 'laeuft') {
      job.controller.abort();
      job.state = { ...job.state, status: 'abgebrochen', meldung: 'Abgebrochen.' };
      job.finishedAt = this.now();
    }
    return job.state;
  }
}
