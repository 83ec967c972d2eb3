/** The numbered list of steps above an import dialog; steps before the current one are done. */
export function WizardSteps({ labels, current }: { labels: readonly string[]; current: number }) {
  return (
    <ol className="wizard-steps" aria-label="Schritte">
      {labels.map((label, index) => (
        <li key={label} className={index === current ? 'current' : index < current ? 'done' : undefined} aria-current={index === current ? 'step' : undefined}>
          {label}
        </li>
      ))}
    </ol>
  );
}
