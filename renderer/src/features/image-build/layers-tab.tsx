import { useEffect, useMemo, useState } from 'react';
import type { ImageLayers } from '../../../../contract/models/image-build.js';
import { useApi } from '../../app/runtime-context.js';
import { formatBytes } from '../../lib/format/bytes.js';
import { Notice } from '../../ui/notice.js';
import { buildTree, layerView } from './file-tree-model.js';
import { FileTree } from './file-tree.js';
import { WastedSpace } from './wasted-space.js';
import { messageOf } from '../../lib/error-message.js';
import './image-build.css';
import './layers-explorer.css';

type Load = { state: 'loading' } | { state: 'error'; message: string } | { state: 'ready'; data: ImageLayers };

/** The layers explorer: each layer's instruction, size and sharing; its file changes as a tree; wasted space. */
export function LayersTab({ imageId }: { imageId: string }) {
  const api = useApi();
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [selected, setSelected] = useState(0);
  const [filter, setFilter] = useState('');
  const [onlyChanges, setOnlyChanges] = useState(true);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    setLoad({ state: 'loading' });
    api.images.layers({ id: imageId }).then(
      (data) => {
        if (!live) return;
        setLoad({ state: 'ready', data });
        setSelected(0);
      },
      (err: unknown) => live && setLoad({ state: 'error', message: messageOf(err) }),
    );
    return () => {
      live = false;
    };
  }, [api, imageId, attempt]);

  const data = load.state === 'ready' ? load.data : undefined;
  const tree = useMemo(() => (data ? buildTree(layerView(data.layers, selected, onlyChanges), filter) : undefined), [data, selected, onlyChanges, filter]);

  if (load.state === 'loading') return <Notice title="Reading the image's layers…" busy role="status" />;
  if (load.state === 'error')
    return (
      <Notice title="The layers could not be read" role="alert">
        <p>{load.message}</p>
        <button type="button" className="btn" onClick={() => setAttempt((a) => a + 1)}>
          Try again
        </button>
      </Notice>
    );
  const layers = data!.layers;
  const layer = layers[selected];
  return (
    <div className="layers">
      {data!.notes.map((n) => (
        <p key={n} className="inline-warning">
          {n}
        </p>
      ))}
      <div className="layers__main">
        <ul className="layers__list" role="listbox" aria-label="Layers" tabIndex={0} aria-activedescendant={`layer-option-${selected}`}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') setSelected((s) => Math.min(layers.length - 1, s + 1));
            else if (e.key === 'ArrowUp') setSelected((s) => Math.max(0, s - 1));
            else return;
            e.preventDefault();
          }}
        >
          {layers.map((l) => (
            <li key={l.index} id={`layer-option-${l.index}`} role="option" aria-selected={l.index === selected} className="layers__item" onClick={() => setSelected(l.index)}>
              <div className="layers__item-head">
                <span className="layers__num">Layer {l.index + 1}</span>
                <span className="layers__size">{formatBytes(l.size)}</span>
              </div>
              <code className="layers__instr" title={l.instruction}>
                {l.instruction}
              </code>
              <div className="layers__meta">
                <span className="change-text--added">+{l.counts.added}</span> <span className="change-text--changed">~{l.counts.changed}</span>{' '}
                <span className="change-text--deleted">−{l.counts.deleted}</span>
                {l.sharedWith.length ? (
                  <span className="layers__shared" title={l.sharedWith.join('\n')}>
                    {' '}
                    · shared with: {l.sharedWith.slice(0, 4).join(', ')}
                    {l.sharedWith.length > 4 ? ` and ${l.sharedWith.length - 4} more` : ''}
                  </span>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
        <section className="layers__files" aria-label={`Files of layer ${selected + 1}`}>
          {layer ? (
            <header className="layers__files-head">
              <div>
                <h3>
                  Layer {layer.index + 1}: <code>{layer.instruction}</code>
                </h3>
                <p className="muted mono layers__digest" title={layer.digest ?? layer.diffId}>
                  {layer.diffId.slice(0, 19)}… · {layer.counts.added} added, {layer.counts.changed} changed, {layer.counts.deleted} deleted
                  {layer.created ? ` · ${new Date(layer.created).toLocaleString()}` : ''}
                </p>
              </div>
              <div className="layers__tools">
                <input type="search" aria-label="Filter files" placeholder="Filter files" value={filter} onChange={(e) => setFilter(e.target.value)} />
                <label className="layers__toggle">
                  <input type="checkbox" checked={onlyChanges} onChange={(e) => setOnlyChanges(e.target.checked)} />
                  Only changes
                </label>
              </div>
            </header>
          ) : null}
          {layer?.truncated ? (
            <p className="layers__note">
              This layer has {layer.totalEntries} changes; the first {layer.entries.length} by path are listed.
            </p>
          ) : null}
          {tree && layer ? <FileTree key={`${selected}-${onlyChanges}`} root={tree} label={`Files of layer ${layer.index + 1}`} expandAll={filter.trim() !== ''} defaultExpanded={onlyChanges && layer.entries.length <= 200} /> : null}
        </section>
      </div>
      <WastedSpace wasted={data!.wasted} />
    </div>
  );
}
