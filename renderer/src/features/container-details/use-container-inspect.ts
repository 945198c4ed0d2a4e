import { useEffect, useState } from 'react';
import { BerthError } from '../../../../contract/index.js';
import type { ContainerInspection } from '../../../../contract/models/container-logs.js';
import { useApi } from '../../app/runtime-context.js';

export type InspectLoad = { kind: 'loading' } | { kind: 'ready'; data: ContainerInspection } | { kind: 'error'; code: string; message: string };

/** containers.inspect for a ref, asked again whenever `refreshKey` changes (state, health, ports). */
export function useContainerInspect(ref: string, refreshKey: string): InspectLoad {
  const api = useApi();
  const [load, setLoad] = useState<InspectLoad>({ kind: 'loading' });
  useEffect(() => {
    let live = true;
    api.containers.inspect({ id: ref }).then(
      (data) => live && setLoad({ kind: 'ready', data }),
      (err: unknown) => {
        if (!live) return;
        const e = err instanceof BerthError ? err : new BerthError('INTERNAL', String(err));
        setLoad({ kind: 'error', code: e.code, message: e.message });
      },
    );
    return () => {
      live = false;
    };
  }, [api, ref, refreshKey]);
  // A new container (another ref) starts from "loading", never from the old one's data.
  const [shownRef, setShownRef] = useState(ref);
  if (shownRef !== ref) {
    setShownRef(ref);
    setLoad({ kind: 'loading' });
  }
  return load;
}
