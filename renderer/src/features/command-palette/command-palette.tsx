import { useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useApi, useAppStore } from '../../app/runtime-context.js';
import { Modal } from '../../ui/modal.js';
import { ActionNotices } from '../container-actions/action-notices.js';
import { reasonOf } from '../container-actions/run-actions.js';
import { useActionRequests } from '../container-actions/use-action-requests.js';
import { buildCommands, keywordsOf, textOf, type AskAction, type PaletteCommand, type PaletteSources } from './commands.js';
import { rankByFuzzy } from './fuzzy.js';
import './command-palette.css';

const FLOATING_SCOPES = ['palette', 'app'] as const;

/** Ctrl+K (⌘K on macOS) anywhere but inside a terminal, where the shell owns the key. */
export function isPaletteKey(e: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean }): boolean {
  return (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'k';
}

/**
 * The command palette: mounted once in the app shell, opened with Ctrl/⌘+K. Not over another dialog:
 * going to a page from there would change the page behind a dialog that stays open.
 */
export function CommandPalette() {
  const [open, setOpen] = useState(false);
  const isOpen = useRef(false);
  isOpen.current = open;
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (!isPaletteKey(e)) return;
      if (e.target instanceof Element && e.target.closest('.xterm')) return;
      if (!isOpen.current && document.querySelector('[aria-modal="true"]')) return;
      e.preventDefault();
      setOpen((o) => !o);
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
  // Remove and Kill ask first, as from the list: the palette closes and their dialog opens here. Their
  // outcome shows over whatever page is open (the palette runs them from any page, not only the list).
  const { request, dialog } = useActionRequests('palette');
  const ask = useCallback<AskAction>((kind, target) => request(kind, [target]), [request]);
  return (
    <>
      {open ? <PalettePanel onClose={() => setOpen(false)} ask={ask} /> : null}
      {dialog}
      {/* With the window's own jobs' ('app'): one floating stack over whichever page is open. */}
      <ActionNotices scope={FLOATING_SCOPES} floating />
    </>
  );
}

function PalettePanel({ onClose, ask }: { onClose(): void; ask: AskAction }) {
  const api = useApi();
  const containers = useAppStore((s) => s.containers);
  const [lists, setLists] = useState<Omit<PaletteSources, 'containers'>>({ images: [], volumes: [], networks: [] });
  const [query, setQuery] = useState('');
  // The option the keys or the mouse chose, by its command's id as well as its place: the list changes
  // while it is open (a container starts, the images arrive), and a place alone then pointed at another
  // command, so Enter stopped a container that had just ranked above the chosen one.
  const [active, setActive] = useState<{ index: number; id?: string }>({ index: 0 });
  const [status, setStatus] = useState<{ text: string; error?: boolean }>();
  const listId = useId();

  useEffect(() => {
    let live = true;
    const none = () => [];
    void Promise.all([
      api.images.list({}).catch(none),
      api.volumes.list({}).catch(none),
      api.networks.list({}).catch(none),
    ]).then(([images, volumes, networks]) => {
      if (!live) return;
      setLists({
        images: images.flatMap((i) => (i.repoTags.length ? i.repoTags.map((tag) => ({ id: i.id, name: tag, tag })) : [{ id: i.id, name: i.shortId }])),
        volumes: volumes.map((v) => v.name),
        networks: networks.map((n) => n.name),
      });
    });
    return () => void (live = false);
  }, [api]);

  const commands = useMemo(() => buildCommands({ containers: [...containers.values()], ...lists }, api, ask), [containers, lists, api, ask]);
  // With no query: pages and containers' Open first (a short, useful start), else the best matches.
  const shown = useMemo(() => (query.trim() ? rankByFuzzy(query, commands, textOf, 50, keywordsOf) : commands.filter((c) => c.action === 'Open' || c.kind === 'Page').slice(0, 50)), [query, commands]);
  const chosenAt = active.id === undefined ? -1 : shown.findIndex((c) => c.id === active.id);
  const current = chosenAt >= 0 ? chosenAt : Math.min(active.index, Math.max(0, shown.length - 1));
  const choose = (i: number) => setActive({ index: i, id: shown[i]?.id });
  const optionId = (i: number) => `${listId}-o${i}`;
  // Keep the chosen option in view as the keys move it (the list scrolls; Enter runs what is seen).
  useEffect(() => {
    document.getElementById(`${listId}-o${current}`)?.scrollIntoView({ block: 'nearest' });
  }, [current, listId]);

  /** An action under way: Enter or a click again (an impatient second press) must not run one more. */
  const busy = useRef(false);
  const run = async (c: PaletteCommand | undefined) => {
    if (!c || busy.current) return;
    const result = c.run();
    if (!(result instanceof Promise)) return onClose();
    busy.current = true;
    setStatus({ text: `${c.action} ${c.name}…` });
    try {
      await result;
      onClose();
    } catch (err) {
      setStatus({ text: `Could not ${c.action.toLowerCase()} ${c.name}: ${reasonOf(err)}`, error: true });
    } finally {
      busy.current = false;
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const move = (to: number) => {
      e.preventDefault();
      choose(Math.max(0, Math.min(shown.length - 1, to)));
    };
    if (e.key === 'ArrowDown') move(current + 1);
    else if (e.key === 'ArrowUp') move(current - 1);
    else if (e.key === 'PageDown') move(current + 10);
    else if (e.key === 'PageUp') move(current - 10);
    else if (e.key === 'Enter') {
      e.preventDefault();
      void run(shown[current]);
    }
  };

  return (
    <Modal title="Go to or run…" onClose={onClose} size="wide" className="cp-panel" closeOnBackdrop>
      <input
        data-autofocus
        className="cp-input"
        role="combobox"
        aria-label="Search containers, images, volumes, networks, projects and pages"
        aria-expanded="true"
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={shown.length ? optionId(current) : undefined}
        placeholder="Type a name, then an action: “web stop”"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive({ index: 0 });
          setStatus(undefined);
        }}
        onKeyDown={onKeyDown}
      />
      <ul id={listId} role="listbox" aria-label="Commands" className="cp-list">
        {shown.map((c, i) => (
          <li
            key={c.id}
            id={optionId(i)}
            role="option"
            aria-selected={i === current}
            className="cp-option"
            onMouseMove={() => {
              if (i !== current) choose(i);
            }}
            onClick={() => void run(c)}
          >
            <span className="cp-option__action">{c.action}</span>
            <span className="cp-option__name" title={c.name}>
              {c.name}
            </span>
            <span className="cp-option__kind">{c.kind}</span>
            {c.shortcut ? (
              <kbd className="cp-option__key" title={`On the ${c.kind === 'Container' ? 'Containers' : c.kind} list`}>
                {c.shortcut}
              </kbd>
            ) : (
              <span />
            )}
          </li>
        ))}
      </ul>
      {shown.length === 0 ? <p className="cp-empty">Nothing matches “{query}”.</p> : null}
      <p className={status?.error ? 'cp-status cp-status--error' : 'cp-status'} role={status?.error ? 'alert' : 'status'}>
        {status?.text ?? (
          <>
            ↑ ↓ to choose, Enter to run, Esc to close.<span className="cp-status__keys"> Keys on the right work on the Containers list.</span>
          </>
        )}
      </p>
    </Modal>
  );
}
