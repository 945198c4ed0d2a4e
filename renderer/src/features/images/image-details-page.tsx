import { Suspense, useEffect, useState } from 'react';
import type { ImageDetails } from '../../../../contract/models/images.js';
import { useApi, useAppStore } from '../../app/runtime-context.js';
import { useHashQueryParam } from '../../app/use-hash-route.js';
import { AlertIcon } from '../../ui/icons.js';
import { Notice } from '../../ui/notice.js';
import { HistoryTab } from './history-tab.js';
import { InspectTab } from './inspect-tab.js';
import type { ImageRow } from './image-rows.js';
import { imageDetailsHref, imageHeading } from './image-title.js';
import { RemoveDialog, type Removed } from './remove-dialog.js';
import { TagPushDialog } from './tag-push-dialog.js';
import { lazyNamed } from '../../lib/import-with-retry.js';
import { PageLoading } from '../../ui/page-loading.js';
import { RouteTabs } from '../../ui/route-tabs.js';
import { messageOf } from '../../lib/error-message.js';
import { useLiveImages } from './use-images.js';
import './images.css';

// The layers explorer is fetched when its tab is first opened.
const LayersTab = lazyNamed(() => import('../image-build/layers-tab.js'), 'LayersTab');

const tagsKey = (tags: readonly string[]) => [...tags].sort().join('\n');

const TABS = [
  { id: 'inspect', label: 'Inspect' },
  { id: 'history', label: 'History' },
  { id: 'layers', label: 'Layers' },
] as const;

/**
 * One image: Inspect (summary + full JSON), History, Layers; Run, Tag or push, and Remove from here too.
 * Titled by the tag it was opened from (`?tag=`, one list row per tag), its other tags beneath.
 */
export function ImageDetailsPage({ id, tab }: { id: string; tab?: string }) {
  const api = useApi();
  const opened = useHashQueryParam('tag');
  const openRun = useAppStore((s) => s.openRunDialog);
  const [details, setDetails] = useState<ImageDetails>();
  const [error, setError] = useState<string>();
  const [dialog, setDialog] = useState<'remove' | 'tag' | null>(null);
  // Bumped to read the image again (after a tag was removed or added here).
  const [version, setVersion] = useState(0);
  const current = TABS.find((t) => t.id === tab)?.id ?? 'inspect';

  // Another image: nothing of the last one shows while it loads (a re-read keeps the page in view).
  useEffect(() => setDetails(undefined), [id]);

  // The live list: a tag added or removed elsewhere reads the image again; its absence once seen means it was removed.
  const liveImages = useLiveImages();
  const summary = liveImages.phase === 'live' && details ? liveImages.images.get(details.id) : undefined;
  const [seen, setSeen] = useState<string>();
  if (summary && seen !== summary.id) setSeen(summary.id);
  const removed = liveImages.phase === 'live' && !!details && !summary && seen === details.id;
  const liveTags = summary ? tagsKey(summary.repoTags) : undefined;
  const readTags = details ? tagsKey(details.repoTags) : undefined;
  // Only a change of the live tags reads again (not each read that follows).
  const [askedFor, setAskedFor] = useState<string>();
  if (liveTags !== undefined && readTags !== undefined && liveTags !== readTags && askedFor !== liveTags) {
    setAskedFor(liveTags);
    setVersion((v) => v + 1);
  }

  useEffect(() => {
    let live = true;
    setError(undefined);
    api.images.inspect({ id }).then(
      (d) => live && setDetails(d),
      (err: unknown) => live && setError(messageOf(err)),
    );
    return () => {
      live = false;
    };
  }, [api, id, version]);

  if (removed && details) {
    return (
      <div className="page page--center">
        <Notice title={`The image “${imageHeading(details, opened).title}” was removed.`} icon={<AlertIcon width={28} height={28} />} role="alert">
          <p>It is no longer in the engine (removed outside this page).</p>
          <p>
            <a href="#/images">Back to images</a>
          </p>
        </Notice>
      </div>
    );
  }
  if (error) {
    return (
      <div className="page page--center">
        <Notice title="This image could not be shown." icon={<AlertIcon width={28} height={28} />} role="alert">
          <p>{error}</p>
          <p>
            <a href="#/images">Back to images</a>
          </p>
        </Notice>
      </div>
    );
  }
  if (!details) {
    return (
      <div className="page page--center">
        <Notice title="Loading image…" busy role="status" />
      </div>
    );
  }

  const { title: name, tag, otherTags } = imageHeading(details, opened);
  // The tag on screen, as the list's row of that tag: Remove takes only it when the image has others.
  const row: ImageRow = {
    key: details.id,
    image: { ...details, dangling: details.repoTags.length === 0, containers: [] },
    tag,
    repository: name,
    tagName: '',
    name,
  };
  const onRemoved = (what: Removed) => {
    if (what === 'image') {
      window.location.hash = '#/images';
      return;
    }
    // The image stays: its page, now titled by one of its other tags.
    window.location.hash = imageDetailsHref(id, current, otherTags[0]);
    setVersion((v) => v + 1);
  };
  const hrefOf = (t: string) => imageDetailsHref(id, t, opened);

  return (
    <div className="page page--fill img-details">
      <div className="img-details__head">
        <div>
          <a href="#/images" className="muted">
            Images
          </a>
          <h2 className="img-details__title">{name}</h2>
          {otherTags.length ? (
            <p className="img-details__tags">
              Also tagged{' '}
              {otherTags.map((t, i) => (
                <span key={t}>
                  {i ? ', ' : ''}
                  <a href={imageDetailsHref(id, current, t)} className="mono">
                    {t}
                  </a>
                </span>
              ))}
            </p>
          ) : null}
          <p className="muted mono">{details.id}</p>
        </div>
        <div className="img-toolbar-actions">
          <button type="button" className="btn btn--primary" onClick={() => openRun({ image: tag ?? details.id, exposedPorts: details.exposedPorts, volumes: details.volumes })}>
            Run
          </button>
          <button type="button" className="btn" onClick={() => setDialog('tag')}>
            Tag or push
          </button>
          <button type="button" className="btn btn--danger-text" onClick={() => setDialog('remove')}>
            Remove
          </button>
        </div>
      </div>
      <RouteTabs
        label="Image details"
        tabs={TABS.map((t) => ({ id: t.id, label: t.label, href: hrefOf(t.id) }))}
        current={current}
        idPrefix="image"
        className="img-tabs"
        tabClassName="img-tab"
      />
      <div role="tabpanel" id={`image-panel-${current}`} aria-labelledby={`image-tab-${current}`} className="img-tabpanel">
        {current === 'inspect' ? <InspectTab details={details} /> : current === 'history' ? <HistoryTab imageId={details.id} /> : (
          <Suspense fallback={<PageLoading />}>
            <LayersTab imageId={details.id} />
          </Suspense>
        )}
      </div>
      {dialog === 'remove' ? <RemoveDialog row={row} onClose={() => setDialog(null)} onRemoved={onRemoved} /> : null}
      {dialog === 'tag' ? (
        <TagPushDialog
          source={tag ?? details.id}
          initialTarget={tag}
          onClose={() => {
            setDialog(null);
            // A new tag shows among "Also tagged".
            setVersion((v) => v + 1);
          }}
        />
      ) : null}
    </div>
  );
}
