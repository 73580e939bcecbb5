/** A thin progress bar with its numbers as text (screen readers and tests read the text). */
export function ProgressBar({ done, total, label }: { done: number; total: number | null; label?: string }) {
  const pct = total ? Math.min(100, Math.round((done / total) * 100)) : null;
  return (
    <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={total ?? undefined} aria-valuenow={done} aria-label={label}>
      <div className="progress-track">
        <div className="progress-fill" style={{ width: `${pct ?? 0}%` }} />
      </div>
      <span className="progress-text">
        {done.toLocaleString()}
        {total !== null ? ` / ${total.toLocaleString()}` : ''}
        {pct !== null ? ` · ${pct}%` : ''}
      </span>
    </div>
  );
}
