import { toErrorShape, type BerthErrorShape, type Client, type ContractShape, type Disposable, type StreamHandlers } from '../contract/index.js';

/** What a failed call rejects with in the page: contextBridge drops custom Error properties, so errors cross as plain data. */
export type BridgedError = BerthErrorShape & { name: 'BerthError' };

export function toBridgedError(err: unknown): BridgedError {
  const shape = toErrorShape(err);
  return shape.details === undefined
    ? { name: 'BerthError', code: shape.code, message: shape.message }
    : { name: 'BerthError', code: shape.code, message: shape.message, details: shape.details };
}

/**
 * Wraps a contract client for contextBridge.exposeInMainWorld, derived from the contract (nothing per
 * method): rejections and stream errors become plain {name, code, message, details} objects, since
 * Electron copies an Error across worlds with its message only and `code` would be lost.
 */
export function toBridgeSafe<C extends ContractShape>(contract: C, client: Client<C>): Client<C> {
  const source = client as unknown as Record<string, Record<string, (...a: unknown[]) => unknown>>;
  const out: Record<string, Record<string, unknown>> = {};
  for (const [domain, defs] of Object.entries(contract)) {
    const d: Record<string, unknown> = {};
    for (const [key, def] of Object.entries(defs)) {
      const fn = source[domain]?.[key];
      if (!fn) continue;
      d[key] =
        def.kind === 'method'
          ? (args: unknown) => (fn(args) as Promise<unknown>).catch((err: unknown) => Promise.reject(toBridgedError(err)))
          : (args: unknown, handlers: StreamHandlers<unknown>): Disposable => {
              const sub = fn(args, {
                next: (events: unknown[]) => handlers.next(events),
                error: (err: unknown) => handlers.error?.(toBridgedError(err) as never),
                complete: () => handlers.complete?.(),
              }) as Disposable;
              return { dispose: () => sub.dispose() };
            };
    }
    out[domain] = d;
  }
  return out as Client<C>;
}
