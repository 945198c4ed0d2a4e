import { useRef, useState } from 'react';
import type { Disposable } from '../../../../contract/define.js';
import { useApi } from '../../app/runtime-context.js';
import { reasonOf } from '../container-actions/run-actions.js';
import { saveBlob } from '../files/download-transfer.js';

/** One click: the back end builds the .tar.gz (secrets redacted) and the browser saves it. */
export function DiagnosticsButton() {
  const api = useApi();
  const [state, setState] = useState<{ busy: boolean; text?: string; tone?: 'ok' | 'error' }>({ busy: false });
  const sub = useRef<Disposable>(undefined);
  const run = () => {
    setState({ busy: true, text: 'Building the bundle…' });
    const parts: Uint8Array<ArrayBuffer>[] = [];
    let fileName = 'berth-diagnostics.tar.gz';
    sub.current = api.diagnostics.bundle(
      {},
      {
        start: (head) => void (fileName = head.fileName),
        data: (chunk) => void parts.push(chunk as Uint8Array<ArrayBuffer>),
        end: () => {
          const blob = new Blob(parts, { type: 'application/gzip' });
          saveBlob(blob, fileName);
          setState({ busy: false, tone: 'ok', text: `Saved ${fileName} (${Math.max(1, Math.round(blob.size / 1024))} KB).` });
        },
        error: (err) => setState({ busy: false, tone: 'error', text: `Could not build the bundle: ${reasonOf(err)}` }),
      },
    );
  };
  return (
    <div className="st-diag">
      <button type="button" className="btn" onClick={run} disabled={state.busy} aria-describedby="st-diag-what">
        Download diagnostics bundle
      </button>
      <p id="st-diag-what" className="st-hint">
        A .tar.gz to attach to a bug report: Berth’s version, settings and log, the engine’s version and info, the embedded engine’s and the VM
        console’s last lines, and the last errors shown. Registry credentials, the browser access token and container environment values are
        redacted.
      </p>
      {state.text ? (
        <p className={state.tone === 'error' ? 'st-error' : 'st-hint'} role={state.tone === 'error' ? 'alert' : 'status'}>
          {state.text}
        </p>
      ) : null}
    </div>
  );
}
