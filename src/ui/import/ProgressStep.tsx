import { formatInteger } from '../../domain/format';

interface ProgressStepProps {
  done: number;
  total: number;
  phase: 'rows' | 'server';
  /** What the server checks, shown until it reports its progress. */
  serverText: string;
  /** What the server reports it is doing; with it, done and total are the server's rows. */
  serverLabel?: string;
}

/** The check running: rows read in the browser with a count, then the server's check. */
export function ProgressStep({ done, total, phase, serverText, serverLabel }: ProgressStepProps) {
  const counted = phase === 'rows' || serverLabel !== undefined;
  const text = phase === 'rows' ? 'Prüfe Zeilen' : serverLabel;
  return (
    <div className="import-progress" data-testid="import-progress" data-phase={phase}>
      <p>{counted ? `${text} … ${formatInteger(done)} von ${formatInteger(total)}` : serverText}</p>
      <progress max={total || 1} value={counted ? done : undefined} />
    </div>
  );
}
