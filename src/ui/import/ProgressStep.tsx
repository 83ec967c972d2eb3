import { formatInteger } from '../../domain/format';

interface ProgressStepProps {
  done: number;
  total: number;
  phase: 'rows' | 'server';
  /** What the server checks, shown while it does (its progress is unknown). */
  serverText: string;
}

/** The check running: rows read in the browser with a count, then the server's check. */
export function ProgressStep({ done, total, phase, serverText }: ProgressStepProps) {
  return (
    <div className="import-progress" data-testid="import-progress">
      <p>{phase === 'rows' ? `Prüfe Zeilen … ${formatInteger(done)} von ${formatInteger(total)}` : serverText}</p>
      <progress max={total || 1} value={phase === 'rows' ? done : undefined} />
    </div>
  );
}
