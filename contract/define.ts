import type { z } from 'zod';

/**
 * Building blocks of the contract. A contract is a plain object of domains, each a record of
 * methods (request → one result), streams (subscribe → batches of events → end), downloads (a head,
 * then bytes) and uploads (bytes, then one result). Both
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

/**
 * Bytes from the back end to the UI (a file download, a volume export): a head (what is coming), then
 * the bytes, flow-controlled by acknowledged windows (contract/byte-frame.ts). Not JSON: binary frames
 * on the WebSocket, Uint8Array over Electron IPC.
 */
export interface DownloadDef<A extends z.ZodType = z.ZodType, H = unknown> {
  readonly kind: 'download';
  readonly args: A;
  /** Phantom: carries the head type; never set at run time. */
  readonly __head?: H;
}

/** Bytes from the UI to the back end (a file upload, a volume import), flow-controlled, then one result. */
export interface UploadDef<A extends z.ZodType = z.ZodType, R = unknown> {
  readonly kind: 'upload';
  readonly args: A;
  /** Phantom: carries the result type; never set at run time. */
  readonly __result?: R;
}

export type Def = MethodDef | StreamDef | DownloadDef | UploadDef;
export type ContractShape = Record<string, Record<string, Def>>;

export const method = <R>() => <A extends z.ZodType>(args: A): MethodDef<A, R> => ({ kind: 'method', args });
export const stream = <E>() => <A extends z.ZodType>(args: A): StreamDef<A, E> => ({ kind: 'stream', args });
export const download = <H>() => <A extends z.ZodType>(args: A): DownloadDef<A, H> => ({ kind: 'download', args });
export const upload = <R>() => <A extends z.ZodType>(args: A): UploadDef<A, R> => ({ kind: 'upload', args });

export interface Disposable {
  dispose(): void;
}

/** Context a handler gets: which connection called, and a signal that aborts when the caller goes away. */
export interface CallContext {
  readonly connectionId: string;
  readonly signal: AbortSignal;
}

/** What a download's implementation returns: its head, and the bytes (pulled only as the window allows). */
export interface ByteDownload<H> {
  head: H;
  body: AsyncIterable<Uint8Array>;
}

/**
 * What the back end implements: a method returns a Promise, a stream an AsyncIterable, a download its
 * head and body, an upload reads `body` (the bytes as they arrive) and returns its result.
 */
export type Implementation<C extends ContractShape> = {
  [D in keyof C]: {
    [M in keyof C[D]]: C[D][M] extends MethodDef<infer A, infer R>
      ? (args: z.output<A>, ctx: CallContext) => Promise<R>
      : C[D][M] extends StreamDef<infer A, infer E>
        ? (args: z.output<A>, ctx: CallContext) => AsyncIterable<E>
        : C[D][M] extends DownloadDef<infer A, infer H>
          ? (args: z.output<A>, ctx: CallContext) => Promise<ByteDownload<H>>
          : C[D][M] extends UploadDef<infer A, infer R>
            ? (args: z.output<A>, ctx: CallContext, body: AsyncIterable<Uint8Array>) => Promise<R>
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

/** How the UI receives a download. Dispose the returned Disposable to cancel. */
export interface DownloadHandlers<H> {
  /** First, once: what is coming (name, size…). */
  start(head: H): void;
  /**
   * A piece of the bytes, in order. Returning a Promise holds back the acknowledgement until it
   * settles, so a slow reader slows the sender instead of buffering (at most one window in flight).
   */
  data(chunk: Uint8Array): void | Promise<void>;
  /** All bytes were delivered. */
  end(): void;
  error?(err: import('./errors.js').BerthError): void;
}

/** How the UI feeds an upload. Dispose the returned Disposable to cancel. */
export interface UploadHandlers<R> {
  /** The next bytes, at most `max` of them (the window's room); null (or empty) at the end. */
  read(max: number): Promise<Uint8Array | null> | Uint8Array | null;
  /** Bytes the back end has consumed so far (sent on to the engine). */
  progress?(bytes: number): void;
  done(result: R): void;
  error?(err: import('./errors.js').BerthError): void;
}

/** What the UI calls: a method returns a Promise; a stream, a download and an upload take handlers and return a Disposable. */
export type Client<C extends ContractShape> = {
  [D in keyof C]: {
    [M in keyof C[D]]: C[D][M] extends MethodDef<infer A, infer R>
      ? (args: z.input<A>) => Promise<R>
      : C[D][M] extends StreamDef<infer A, infer E>
        ? (args: z.input<A>, handlers: StreamHandlers<E>) => Disposable
        : C[D][M] extends DownloadDef<infer A, infer H>
          ? (args: z.input<A>, handlers: DownloadHandlers<H>) => Disposable
          : C[D][M] extends UploadDef<infer A, infer R>
            ? (args: z.input<A>, handlers: UploadHandlers<R>) => Disposable
            : never;
  };
};

export type EventOf<S> = S extends StreamDef<z.ZodType, infer E> ? E : never;
export type ResultOf<M> = M extends MethodDef<z.ZodType, infer R> ? R : never;

/** The back-end side of one domain (or of one slice of a domain), for services that implement part of it. */
export type DomainImplementation<D extends Record<string, Def>> = Implementation<{ d: D }>['d'];
