import { useCallback, useEffect, useRef, useState } from 'react';
import type { BerthApi } from '../../../../contract/index.js';
import type { UploadDone } from '../../../../contract/models/container-files.js';
import { joinContainerPath } from '../../../../contract/domains/container-files.js';
import { saveBlob, startBrowserDownload, startDownload } from './download-transfer.js';
import { bytesOverHttp } from './http-bytes.js';
import { uploadFile, uploadFileOverHttp, type UploadFile, type UploadSource } from './upload-transfer.js';
import { messageOf } from '../../lib/error-message.js';
import { progressThrottle } from '../../lib/progress-throttle.js';

export interface Transfer {
  key: number;
  direction: 'download' | 'upload';
  name: string;
  /** Bytes moved so far. */
  done: number;
  /** Total bytes, when known. */
  total: number | null;
  status: 'running' | 'done' | 'failed' | 'cancelled';
  error?: string;
  /** Browser mode: the browser took the download over and saves it itself (its byte count is not known here). */
  savedByBrowser?: boolean;
}

/** The transfers still running: what "Clear finished" leaves. */
export function withoutFinished(list: readonly Transfer[]): Transfer[] {
  return list.filter((t) => t.status === 'running');
}

/** Most finished transfers kept on screen. */
const KEEP_FINISHED = 5;

/**
 * The downloads and uploads of one file browser, with progress and cancel. Everything still running
 * is cancelled when the browser unmounts.
 */
export function useTransfers(api: BerthApi, containerId: string, onUploaded: (dir: string, name: string, done: UploadDone, folder?: string) => void) {
  const [transfers, setTransfers] = useState<Transfer[]>([]);
  const cancels = useRef(new Map<number, () => void>());
  const throttles = useRef(new Map<number, { cancel(): void }>());
  const nextKey = useRef(1);
  const onUploadedRef = useRef(onUploaded);
  onUploadedRef.current = onUploaded;

  useEffect(() => {
    const map = cancels.current;
    const frames = throttles.current;
    return () => {
      for (const cancel of map.values()) cancel();
      map.clear();
      for (const t of frames.values()) t.cancel();
      frames.clear();
    };
  }, []);

  const update = useCallback((key: number, patch: Partial<Transfer>) => {
    setTransfers((list) => {
      const next = list.map((t) => (t.key === key ? { ...t, ...patch } : t));
      const finished = next.filter((t) => t.status !== 'running');
      if (finished.length <= KEEP_FINISHED) return next;
      const drop = new Set(finished.slice(0, finished.length - KEEP_FINISHED).map((t) => t.key));
      return next.filter((t) => !drop.has(t.key));
    });
  }, []);

  const add = useCallback((t: Omit<Transfer, 'key' | 'done' | 'status'>, cancel: () => void) => {
    const key = nextKey.current++;
    cancels.current.set(key, cancel);
    setTransfers((list) => [...list, { ...t, key, done: 0, status: 'running' }]);
    return key;
  }, []);

  const settle = useCallback(
    (key: number, patch: Partial<Transfer>) => {
      cancels.current.delete(key);
      // A progress update still waiting for its frame must not land after the final figures.
      throttles.current.get(key)?.cancel();
      throttles.current.delete(key);
      update(key, patch);
    },
    [update],
  );

  /** Progress of one transfer, shown a few times a second (PROGRESS_EVERY_MS); dropped once it settles. */
  const progressOf = useCallback(
    (key: number) => {
      const throttle = progressThrottle((done: number) => update(key, { done }));
      throttles.current.set(key, throttle);
      return (done: number) => throttle.push(done);
    },
    [update],
  );

  const download = useCallback(
    (path: string, name: string) => {
      const holder: { sub?: { dispose(): void } } = {};
      const key = add({ direction: 'download', name, total: null }, () => holder.sub?.dispose());
      if (bytesOverHttp()) {
        // Browser mode: the browser downloads the file itself over HTTP (download-transfer.ts).
        holder.sub = startBrowserDownload({ id: containerId, path }, {
          onStart: (info) => update(key, { name: info.fileName, total: info.size }),
          onHandedOver: ({ fileName, size }) => settle(key, { status: 'done', name: fileName, done: size ?? 0, total: size, savedByBrowser: true }),
          onError: (err) => settle(key, { status: 'failed', error: err.message }),
        });
        return;
      }
      const onProgress = progressOf(key);
      holder.sub = startDownload(api, { id: containerId, path }, {
        onStart: (info) => update(key, { name: info.fileName, total: info.size }),
        onProgress,
        onDone: (blob, fileName) => {
          saveBlob(blob, fileName);
          settle(key, { status: 'done', done: blob.size, total: blob.size });
        },
        onError: (err) => settle(key, { status: 'failed', error: err.message }),
      });
    },
    [add, api, containerId, progressOf, settle, update],
  );

  /** Upload `file` into `dir` (into `folder` below it for a folder upload); resolves once it has settled, however it ended. */
  const upload = useCallback(
    (dir: string, file: UploadSource, folder?: string): Promise<void> => {
      const ctl = new AbortController();
      const key = add({ direction: 'upload', name: folder ? `${folder}/${file.name}` : file.name, total: file.size }, () => ctl.abort());
      const onProgress = progressOf(key);
      // Browser mode: a File goes as the body of one HTTP PUT (upload-transfer.ts).
      const sending =
        bytesOverHttp() && typeof Blob !== 'undefined' && file instanceof Blob
          ? uploadFileOverHttp({ id: containerId, dir, file: file as UploadFile, folder }, onProgress, ctl.signal)
          : uploadFile(api, { id: containerId, dir, file, folder }, onProgress, ctl.signal);
      return sending.then(
        (res) => {
          settle(key, { status: 'done', done: res.size });
          onUploadedRef.current(dir, file.name, res, folder);
        },
        (err: unknown) => {
          if (ctl.signal.aborted) return;
          settle(key, { status: 'failed', error: messageOf(err) });
        },
      );
    },
    [add, api, containerId, progressOf, settle],
  );

  const cancel = useCallback(
    (key: number) => {
      cancels.current.get(key)?.();
      settle(key, { status: 'cancelled' });
    },
    [settle],
  );

  const dismiss = useCallback((key: number) => setTransfers((list) => list.filter((t) => t.key !== key || t.status === 'running')), []);

  const clearFinished = useCallback(() => setTransfers(withoutFinished), []);

  return { transfers, download, upload, cancel, dismiss, clearFinished, pathOf: (dir: string, name: string) => joinContainerPath(dir, name) };
}
