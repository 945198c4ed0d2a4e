import type { z } from 'zod';

/**
 * Building blocks of the contract. A contract is a plain object of domains, each a record of
 * methods (request → one result) and streams (subscribe → batches of events → end). Both
 * transports, the back-end dispatcher and the client proxy are derived from this one object.
 */
export interface MethodDef<A extends z.ZodType = z.ZodType, R = unknown> {
  readonly kind: 'method';
  readonly args: A;
  /** Phantom: carries the result type; never set at run time. */
  readonly __result?: R;
}

export interface StreamDef<A extends z.ZodType = z.ZodType, E = unknown> {
  readonly kind: 'stream';
  readonly args: A;
  /** Phantom: carries the event type; never set at run time. */
  readonly __event?: E;
}

export type Def = MethodDef | StreamDef;
export type ContractShape = Record<string, Record<string, Def>>;

export const method = <R>() => <A extends z.ZodType>(args: A): MethodDef<A, R> => ({ kind: 'method', args });
export const stream = <E>() => <A extends z.ZodType>(args: A): StreamDef<A, E> => ({ kind: 'stream', args });

export interface Disposable {
  dispose(): void;
}

/** Context a handler gets: which connection called, and a signal that aborts when the caller goes away. */
export interface CallContext {
  readonly connectionId: string;
  readonly signal: AbortSignal;
}

/** What the back end implements: a method returns a Promise, a stream returns an AsyncIterable. */
export type Implementation<C extends ContractShape> = {
  [D in keyof C]: {
    [M in keyof C[D]]: C[D][M] extends MethodDef<infer A, infer R>
      ? (args: z.output<A>, ctx: CallContext) => Promise<R>
      : C[D][M] extends StreamDef<infer A, infer E>
        ? (args: z.output<A>, ctx: CallContext) => AsyncIterable<E>
        : never;
  };
};

export interface StreamHandlers<E> {
  /** Events arrive in batches (the back end coalesces ~16 ms of them). */
  next(events: E[]): void;
  error?(err: import('./errors.js').BerthError): void;
  complete?(): void;
  /**
   * The transport reconnected (browser mode's WebSocket) and the stream was opened again with the
   * same arguments, so what follows starts over (a log's tail again, a list's snapshot again). A
   * handler that accumulates events resets here; without it, it would hold them twice.
   */
  restarted?(): void;
}

/** What the UI calls: a method returns a Promise, a stream takes handlers and returns a Disposable. */
export type Client<C extends ContractShape> = {
  [D in keyof C]: {
    [M in keyof C[D]]: C[D][M] extends MethodDef<infer A, infer R>
      ? (args: z.input<A>) => Promise<R>
      : C[D][M] extends StreamDef<infer A, infer E>
        ? (args: z.input<A>, handlers: StreamHandlers<E>) => Disposable
        : never;
  };
};

export type EventOf<S> = S extends StreamDef<z.ZodType, infer E> ? E : never;
export type ResultOf<M> = M extends MethodDef<z.ZodType, infer R> ? R : never;

/** The back-end side of one domain (or of one slice of a domain), for services that implement part of it. */
export type DomainImplementation<D extends Record<string, Def>> = Implementation<{ d: D }>['d'];
