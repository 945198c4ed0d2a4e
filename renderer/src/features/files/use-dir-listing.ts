import { useCallback, useEffect, useRef, useState, type Dispatch, type SetStateAction } from 'react';
import type { DirListing } from '../../../../contract/models/container-files.js';
import { messageOf } from '../../lib/error-message.js';

/** A folder's listing as read: the last one stays shown while the next loads, or when it fails. */
export type ListState =
  | { phase: 'loading'; listing?: DirListing }
  | { phase: 'ready'; listing: DirListing }
  /** `notAFolder`: the path names a file (typed in the path bar): it can be shown in its folder or downloaded. */
  | { phase: 'error'; message: string; notAFolder?: boolean; listing?: DirListing };

const isNotAFolder = (err: unknown) => ((err as { details?: { reason?: unknown } } | undefined)?.details?.reason ?? undefined) === 'not-a-folder';

export interface DirListingState {
  state: ListState;
  /** The listing of `path` itself (undefined while only another folder's listing is at hand). */
  listing: DirListing | undefined;
  /** Read the folder again. */
  refresh(): void;
  /** For a change known before the next read (an upload's own result). */
  setState: Dispatch<SetStateAction<ListState>>;
}

/**
 * The listing of `path` through `list` (keep it stable: useCallback), read again when either changes or
 * on refresh. An answer that comes after a newer read started is dropped.
 */
export function useDirListing(list: (path: string) => Promise<DirListing>, path: string): DirListingState {
  const [reload, setReload] = useState(0);
  const [state, setState] = useState<ListState>({ phase: 'loading' });
  const seq = useRef(0);

  useEffect(() => {
    const mine = ++seq.current;
    setState((s) => ({ phase: 'loading', listing: s.listing }));
    list(path).then(
      (listing) => mine === seq.current && setState({ phase: 'ready', listing }),
      (err: unknown) => mine === seq.current && setState((s) => ({ phase: 'error', message: messageOf(err), ...(isNotAFolder(err) ? { notAFolder: true } : {}), listing: s.listing })),
    );
  }, [list, path, reload]);

  const refresh = useCallback(() => setReload((n) => n + 1), []);
  return { state, listing: state.listing?.path === path ? state.listing : undefined, refresh, setState };
}
