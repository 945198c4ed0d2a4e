import { formatBytes } from '../../lib/format/bytes.js';

/** Bytes moved so far (of a total when known), as a progress bar with text. */
export function JobProgress({ label, bytes, total }: { label: string; bytes: number; total: number | null }) {
  const pct = total ? Math.min(100, Math.round((bytes / total) * 100)) : undefined;
  return (
    <div className="vol-progress" role="status" aria-live="polite">
      <progress max={total ?? undefined} value={total ? Math.min(bytes, total) : undefined} aria-label={label} />
      <span>
        {label}: {formatBytes(bytes)}
        {total ? ` of ${formatBytes(total)} (${pct} %)` : ''}
      </span>
    </div>
  );
}
