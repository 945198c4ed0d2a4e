import { z } from 'zod';
import { method, stream } from '../define.js';
import type { ContainerChange, ContainerSummary } from '../model.js';

export const containersApi = {
  /** Every container (running or not unless all is false). */
  list: method<ContainerSummary[]>()(z.object({ all: z.boolean().default(true) }).strict()),
  /** A snapshot, then one delta per change, driven by engine events (no polling). */
  watch: stream<ContainerChange>()(z.object({}).strict()),
};
