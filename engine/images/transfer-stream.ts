import type { Readable } from 'node:stream';
import { BerthError } from '../../contract/errors.js';
import { formatReference, type ImageReference } from '../../contract/image-reference.js';
import type { TransferEvent } from '../../contract/models/images.js';
import { toBerthError } from '../errors.js';
import { AsyncQueue } from '../streams/async-queue.js';
import { readNdjson } from '../streams/ndjson.js';
import { rawEngineMessage, registryError, sentCredentials, type SentCredentials } from './registry-errors.js';
import { asProgressMessage, TransferAggregator } from './transfer-aggregator.js';

export interface TransferOptions {
  kind: 'pull' | 'push';
  ref: ImageReference;
  /** The registry credentials to send (X-Registry-Auth), resolved before `open`: a refusal then names them. */
  auth?: () => Promise<object | undefined>;
  /** Opens the engine request (POST /images/create or /images/{name}/push) with this signal and those credentials. */
  open(signal: AbortSignal, auth: object | undefined): Promise<Readable>;
  signal?: AbortSignal;
  /** Diagnostics (bad lines). */
  log?: (line: string) => void;
}

/**
 * Runs a pull or push: reads the engine's progress NDJSON (streaming UTF-8, a bad line is logged and
 * skipped, never a crash), folds it per layer, and yields layer/overall/status events through a
 * bounded queue where each layer's latest state replaces the one not yet sent (a slow consumer costs
 * one entry per layer). Ends with a `done` event, or fails with a specific error (not found,
 * unauthorized, unreachable…). Unsubscribing destroys the engine request, which cancels the job.
 */
export function runTransfer(options: TransferOptions): AsyncIterableIterator<TransferEvent> {
  const { ref, kind } = options;
  const life = new AbortController();
  const out = new AsyncQueue<TransferEvent>({
    capacity: 4096,
    key: (e) => (e.kind === 'layer' ? `l${e.layer.id}` : e.kind === 'overall' ? 'overall' : e.kind === 'status' ? 'status' : undefined),
    signal: options.signal,
    onClose: () => life.abort(),
  });
  if (!out.open) return out;
  const aggregator = new TransferAggregator(kind);
  const name = formatReference(ref);

  void (async () => {
    let body: Readable | undefined;
    const destroy = () => body?.destroy();
    life.signal.addEventListener('abort', destroy, { once: true });
    let sent: SentCredentials | undefined;
    try {
      try {
        const auth = await options.auth?.();
        sent = sentCredentials(auth);
        body = await options.open(life.signal, auth);
      } catch (err) {
        if (life.signal.aborted) return;
        const e = err as { statusCode?: unknown };
        if (typeof e.statusCode !== 'number') throw toBerthError(err);
        throw registryError(rawEngineMessage(err), ref, kind, e.statusCode, sent);
      }
      if (life.signal.aborted) {
        destroy();
        return;
      }
      for await (const item of readNdjson(body, { maxLineLength: 256 * 1024 })) {
        if (life.signal.aborted) break;
        if (!item.ok) {
          options.log?.(`${kind} ${name}: ${item.error.message}`);
          continue;
        }
        const msg = asProgressMessage(item.value);
        if (!msg) continue;
        const failure = msg.errorDetail?.message ?? msg.error;
        if (failure) throw registryError(failure, ref, kind, undefined, sent);
        for (const ev of aggregator.apply(msg)) out.push(ev);
      }
      if (life.signal.aborted) return;
      const digest = aggregator.finalDigest;
      const done: TransferEvent = {
        kind: 'done',
        reference: name,
        message: kind === 'pull' ? `Pulled ${name}` : `Pushed ${name}`,
      };
      if (digest) done.digest = digest;
      out.push(done);
      out.end();
    } catch (err) {
      if (life.signal.aborted) return;
      out.fail(err instanceof BerthError ? err : toBerthError(err));
    } finally {
      life.signal.removeEventListener('abort', destroy);
      destroy();
    }
  })();
  return out;
}
