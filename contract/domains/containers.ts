import { z } from 'zod';
import { method, stream } from '../define.js';
import type { Change, ContainerSummary } from '../model.js';
import { containerActionsApi } from './container-actions.js';
import { containerExecApi } from './container-exec.js';
import { containerFilesApi } from './container-files.js';
import { containerLogsApi } from './container-logs.js';
import { containerRunApi } from './container-run.js';

/** The list itself: one call, or a live view (snapshot, then deltas from engine events). */
export const containerListApi = {
  /** Every container (running or not unless all is false). */
  list: method<ContainerSummary[]>()(z.object({ all: z.boolean().default(true) }).strict()),
  /** A snapshot, then one delta per change, driven by engine events (no polling). */
  watch: stream<Change<ContainerSummary>>()(z.object({}).strict()),
};

export const containersApi = {
  ...containerListApi,
  ...containerActionsApi,
  ...containerRunApi,
  ...containerLogsApi,
  ...containerExecApi,
  ...containerFilesApi,
};
