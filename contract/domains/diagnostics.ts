import { z } from 'zod';
import { download } from '../define.js';

export interface DiagnosticsHead {
  /** berth-diagnostics-<time>.tar.gz */
  fileName: string;
  size: number;
}

/** A bundle to attach to a bug report (secrets redacted). */
export const diagnosticsApi = {
  /** Builds the .tar.gz now and sends it. */
  bundle: download<DiagnosticsHead>()(z.object({}).strict()),
};
