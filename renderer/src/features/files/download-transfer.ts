import type { BerthApi } from '../../../../contract/index.js';
import type { BerthError } from '../../../../contract/errors.js';
import type { Disposable } from '../../../../contract/define.js';

export interface DownloadCallbacks {
  onStart(info: { fileName: string; kind: 'file' | 'dir'; size: number | null }): void;
  onProgress(received: number): void;
  onDone(blob: Blob, fileName: string): void;
  onError(err: BerthError | Error): void;
}

/**
 * Run `containers.download`: gather its bytes (binary, acknowledged by the transport as they are
 * taken, so the back end sends more) into a Blob. Dispose to cancel: the download is closed on the
 * back end, and with it the engine request.
 */
export function startDownload(api: BerthApi, args: { id: string; path: string }, h: DownloadCallbacks): Disposable {
  const parts: Uint8Array<ArrayBuffer>[] = [];
  let received = 0;
  let fileName = 'download';
  let type = 'application/octet-stream';
  let finished = false;
  const finish = (fn: () => void) => {
    if (finished) return;
    finished = true;
    fn();
  };
  const sub = api.containers.download(args, {
    start(head) {
      fileName = head.fileName;
      if (head.kind === 'dir') type = 'application/x-tar';
      h.onStart(head);
    },
    data(chunk) {
      if (finished) return;
      parts.push(chunk as Uint8Array<ArrayBuffer>);
      received += chunk.length;
      h.onProgress(received);
    },
    end() {
      finish(() => h.onDone(new Blob(parts, { type }), fileName));
    },
    error(err) {
      finish(() => h.onError(err));
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
