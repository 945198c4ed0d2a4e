import { useEffect, useState } from 'react';
import type { Change } from '../../../../contract/model.js';
import type { ImageSummary } from '../../../../contract/models/images.js';
import { useApi, useAppStore } from '../../app/runtime-context.js';
import { hasSnapshot } from '../../lib/live-collection.js';
import { subscribeResilient } from '../../lib/resilient-stream.js';
import { selectRunningKey } from '../docker-engine/selectors.js';
import { reduceImages, type ImageMap } from './image-rows.js';

export interface LiveImages {
  images: ImageMap;
  phase: 'idle' | 'loading' | 'live' | 'error';
  error?: string;
}

const EMPTY: ImageMap = new Map();

/**
 * The live image list while the page is open: images.watch (a snapshot, then deltas) applied by a
 * pure reducer, reopened when the engine changes; disposed on unmount.
 */
export function useLiveImages(): LiveImages {
  const api = useApi();
  const engineKey = useAppStore(selectRunningKey);
  const [live, setLive] = useState<LiveImages>({ images: EMPTY, phase: 'idle' });

  useEffect(() => {
    if (engineKey === null) {
      setLive({ images: EMPTY, phase: 'idle' });
      return;
    }
    setLive({ images: EMPTY, phase: 'loading' });
    const sub = subscribeResilient<Change<ImageSummary>>((h) => api.images.watch({}, h), {
      next(changes) {
        setLive((s) => {
          const images = reduceImages(s.images, changes);
          if (hasSnapshot(changes)) return { images, phase: 'live' };
          return images === s.images ? s : { ...s, images };
        });
      },
      error(err) {
        setLive((s) => ({ ...s, phase: 'error', error: err.message }));
      },
    });
    return () => sub.dispose();
  }, [api, engineKey]);

  return live;
}
