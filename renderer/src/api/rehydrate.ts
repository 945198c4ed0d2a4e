import { BerthError, toErrorShape, type Client, type ContractShape, type Disposable, type StreamHandlers } from '../../../contract/index.js';

/**
 * Electron's contextBridge copies errors as plain data, so the preload sends {name, code, message,
 * details}. Wrap the bridged client (derived from the contract, nothing per method) so that the UI
 * always receives real BerthError instances, as it does in browser mode.
 */
export function rehydrateErrors<C extends ContractShape>(contract: C, bridged: Client<C>): Client<C> {
  const source = bridged as unknown as Record<string, Record<string, (...a: unknown[]) => unknown>>;
  const toError = (e: unknown) => (e instanceof BerthError ? e : BerthError.from(toErrorShape(e)));
  const out: Record<string, Record<string, unknown>> = {};
  for (const [domain, defs] of Object.entries(contract)) {
    const d: Record<string, unknown> = {};
    for (const [key, def] of Object.entries(defs)) {
      const fn = source[domain]?.[key];
      if (!fn) continue;
      d[key] =
        def.kind === 'method'
          ? (args: unknown) => (fn(args) as Promise<unknown>).catch((e: unknown) => Promise.reject(toError(e)))
          : (args: unknown, handlers: StreamHandlers<unknown>): Disposable =>
              fn(args, { next: (ev: unknown[]) => handlers.next(ev), error: (e: unknown) => handlers.error?.(toError(e)), complete: () => handlers.complete?.() }) as Disposable;
    }
    out[domain] = d;
  }
  return out as Client<C>;
}
