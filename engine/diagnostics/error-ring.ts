import type { ContractShape } from '../../contract/define.js';
import { toErrorShape } from '../../contract/errors.js';

export interface RecordedError {
  at: string;
  /** `domain.method` */
  call: string;
  code: string;
  message: string;
}

/** The last errors the back end returned to a window, in a fixed-size ring (for the diagnostics bundle). */
export class ErrorRing {
  private readonly ring: RecordedError[] = [];

  constructor(
    private readonly capacity = 50,
    private readonly now: () => number = Date.now,
  ) {}

  record(call: string, err: unknown): void {
    const e = toErrorShape(err);
    // A caller that went away is not a failure worth reporting.
    if (e.code === 'CANCELLED') return;
    this.ring.push({ at: new Date(this.now()).toISOString(), call, code: e.code, message: e.message });
    if (this.ring.length > this.capacity) this.ring.shift();
  }

  /** Oldest first. */
  list(): RecordedError[] {
    return [...this.ring];
  }
}

/**
 * Wraps every handler of an implementation so an error it returns (a rejected method, download or
 * upload, or a stream that fails) is also kept in the ring. The error still reaches the caller unchanged.
 */
export function recordErrors<I extends Record<string, Record<string, unknown>>>(impl: I, contract: ContractShape, ring: ErrorRing): I {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [domain, methods] of Object.entries(impl)) {
    out[domain] = {};
    for (const [name, fn] of Object.entries(methods)) {
      if (typeof fn !== 'function') continue;
      const call = `${domain}.${name}`;
      const kind = contract[domain]?.[name]?.kind;
      out[domain][name] = (...args: unknown[]) => {
        let result: unknown;
        try {
          result = (fn as (...a: unknown[]) => unknown)(...args);
        } catch (err) {
          ring.record(call, err);
          throw err;
        }
        if (kind === 'stream' && result && typeof result === 'object' && Symbol.asyncIterator in result) return watchIterable(result as AsyncIterable<unknown>, call, ring);
        if (result instanceof Promise) return result.catch((err: unknown) => (ring.record(call, err), Promise.reject(err)));
        return result;
      };
    }
  }
  return out as I;
}

function watchIterable<T>(source: AsyncIterable<T>, call: string, ring: ErrorRing): AsyncIterable<T> {
  return {
    [Symbol.asyncIterator]() {
      const it = source[Symbol.asyncIterator]();
      return {
        next: (...a: [] | [unknown]) => it.next(...a).catch((err: unknown) => (ring.record(call, err), Promise.reject(err))),
        return: (v?: unknown) => (it.return ? it.return(v) : Promise.resolve({ done: true as const, value: v as T })),
        throw: (e?: unknown) => (it.throw ? it.throw(e) : Promise.reject(e)),
      };
    },
  };
}
