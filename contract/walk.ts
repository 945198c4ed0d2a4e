import type { Client, ContractShape, Def, Disposable, DownloadHandlers, StreamHandlers, UploadHandlers } from './define.js';

type Tree = Record<string, Record<string, unknown>>;

/**
 * What a client needs of a contract: the kind of each definition, not its argument schemas (those
 * only the back end's dispatcher uses). Made from the contract by contractKinds(); the renderer's
 * build inlines it as data (contract/kinds.ts), so the window builds no schema to make its client.
 */
export type ContractKinds<C extends ContractShape = ContractShape> = {
  readonly [D in keyof C]: { readonly [M in keyof C[D]]: { readonly kind: C[D][M]['kind'] } };
};

/**
 * The one contract walker: builds an object shaped like the contract (domain → name → value) with
 * one value per definition. The RPC client, the preload's bridge-safe wrapper and the renderer's
 * error rehydration are all made with it, so a new kind of definition is handled in one place. It
 * reads only each definition's kind, so it walks a ContractKinds as well as the contract itself.
 */
export function walkContract<C extends ContractShape>(
  contract: C | ContractKinds<C>,
  build: (def: { readonly kind: Def['kind'] }, name: string, domain: string, key: string) => unknown,
): Tree {
  const out: Tree = {};
  for (const [domain, defs] of Object.entries(contract as ContractKinds)) {
    const d: Record<string, unknown> = {};
    for (const [key, def] of Object.entries(defs)) {
      const value = build(def, `${domain}.${key}`, domain, key);
      if (value !== undefined) d[key] = value;
    }
    out[domain] = d;
  }
  return out;
}

/** The contract's names and kinds, without its schemas: what createClient() and mapClientErrors() need. */
export function contractKinds<C extends ContractShape>(contract: C): ContractKinds<C> {
  return walkContract(contract, (def) => ({ kind: def.kind })) as ContractKinds<C>;
}

/**
 * A client whose every error passes through `mapError` on its way to the caller: rejections and the
 * `error` handlers of streams, downloads and uploads. Handlers are wrapped in plain functions of our
 * own (what contextBridge can proxy); a download's `data` keeps its returned Promise (flow control).
 */
export function mapClientErrors<C extends ContractShape>(contract: C | ContractKinds<C>, client: Client<C>, mapError: (err: unknown) => unknown): Client<C> {
  const source = client as unknown as Record<string, Record<string, ((...a: unknown[]) => unknown) | undefined>>;
  const fail = (handler: ((err: never) => void) | undefined) => (err: unknown) => handler?.(mapError(err) as never);
  const wrapped = walkContract(contract, (def, _name, domain, key) => {
    const fn = source[domain]?.[key];
    if (!fn) return undefined;
    switch (def.kind) {
      case 'method':
        return (args: unknown) => (fn(args) as Promise<unknown>).catch((err: unknown) => Promise.reject(mapError(err)));
      case 'stream':
        return (args: unknown, h: StreamHandlers<unknown>): Disposable => {
          const sub = fn(args, { next: (events: unknown[]) => h.next(events), error: fail(h.error), complete: () => h.complete?.(), restarted: () => h.restarted?.() }) as Disposable;
          return { dispose: () => sub.dispose() };
        };
      case 'download':
        return (args: unknown, h: DownloadHandlers<unknown>): Disposable => {
          const sub = fn(args, { start: (head: unknown) => h.start(head), data: (chunk: Uint8Array) => h.data(chunk), end: () => h.end(), error: fail(h.error) }) as Disposable;
          return { dispose: () => sub.dispose() };
        };
      case 'upload':
        return (args: unknown, h: UploadHandlers<unknown>): Disposable => {
          const sub = fn(args, { read: (max: number) => h.read(max), progress: (n: number) => h.progress?.(n), done: (r: unknown) => h.done(r), error: fail(h.error) }) as Disposable;
          return { dispose: () => sub.dispose() };
        };
    }
  });
  return wrapped as Client<C>;
}
