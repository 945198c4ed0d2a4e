import { runIssueReasons, type RunIssue, type RunIssueReason } from '../../../../contract/models/container-run.js';

/** What the dialog shows for a failure: one readable message, and field issues when the back end named them. */
export interface ShownFailure {
  message: string;
  issues: RunIssue[];
}

const reasons: ReadonlySet<string> = new Set(runIssueReasons);

/** A rejected contract call (BerthError or its shape) → message and field issues (with their reason codes); never a raw dump. */
export function describeFailure(err: unknown): ShownFailure {
  const e = (err ?? {}) as { code?: unknown; message?: unknown; details?: unknown };
  const message = typeof e.message === 'string' && e.message ? e.message : 'Something went wrong; the engine gave no reason';
  const raw = (e.details as { issues?: unknown } | undefined)?.issues;
  const issues = Array.isArray(raw)
    ? raw.flatMap((i: unknown): RunIssue[] => {
        const x = i as { field?: unknown; message?: unknown; reason?: unknown };
        if (typeof x.field !== 'string' || typeof x.message !== 'string') return [];
        return [typeof x.reason === 'string' && reasons.has(x.reason) ? { field: x.field, message: x.message, reason: x.reason as RunIssueReason } : { field: x.field, message: x.message }];
      })
    : [];
  return { message, issues };
}
