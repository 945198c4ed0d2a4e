import type { BerthApi } from '../../../../contract/index.js';
import type { BerthError } from '../../../../contract/errors.js';
import type { Disposable } from '../../../../contract/define.js';
import { base64ToBytes } from './base64.js';

export interface DownloadHandlers {
  onStart(info: { fileName: string; kind: 'file' | 'dir'; size: number | null }): void;
  onProgress(received: number): void;
  onDone(blob: Blob, fileName: string): void;
  onError(err: BerthError | Error): void;
}

/**
 * Run `containers.download`: gather the base64 chunks into a Blob, acknowledging what arrived so the
 * back end sends more (flow control). Dispose to cancel: the stream is unsubscribed and its engine
 * request closed.
 */
export function startDownload(api: BerthApi, args: { id: string; path: string }, h: DownloadHandlers): Disposable {
  const parts: Uint8Array<ArrayBuffer>[] = [];
  let received = 0;
  let downloadId: string | undefined;
  let fileName = 'download';
  let type = 'application/octet-stream';
  let ended = false;
  let finished = false;
  const finish = (fn: () => void) => {
    if (finished) return;
    finished = true;
    fn();
  };
  const sub = api.containers.download(args, {
    next(events) {
      if (finished) return;
      for (const ev of events) {
        if (ev.type === 'start') {
          downloadId = ev.downloadId;
          fileName = ev.fileName;
          if (ev.kind === 'dir') type = 'application/x-tar';
          h.onStart({ fileName: ev.fileName, kind: ev.kind, size: ev.size });
        } else if (ev.type === 'chunk') {
          const bytes = base64ToBytes(ev.data);
          parts.push(bytes);
          received += bytes.length;
        } else {
          ended = true;
        }
      }
      h.onProgress(received);
      if (downloadId && !ended) api.containers.downloadAck({ downloadId, received }).catch(() => undefined);
    },
    error(err) {
      finish(() => h.onError(err));
    },
    complete() {
      finish(() => (ended ? h.onDone(new Blob(parts, { type }), fileName) : h.onError(new Error('The download ended before all its data arrived'))));
    },
  });
  return {
    dispose() {
      finished = true;
      parts.length = 0;
      sub.dispose();
    },
  };
}

/** Hand a Blob to the browser as a file download (an object URL on an `<a download>`). */
export function saveBlob(blob: Blob, fileName: string, doc: Document = document): void {
  const url = URL.createObjectURL(blob);
  const a = doc.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  doc.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
