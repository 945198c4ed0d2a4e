import { useCallback, useEffect, useEffectEvent, useRef, useState } from 'react';
import { useApi, useAppStore, useRuntime } from '../../app/runtime-context.js';
import { findContainer } from '../containers/find-container.js';
import { splitShellWords } from './shell-words.js';
import { TerminalSession, type SessionState } from './terminal-session.js';
import { XtermView } from './xterm-view.js';
import { messageOf } from '../../lib/error-message.js';
import './terminal.css';

type Choice = 'sh' | 'bash' | 'custom' | 'attach';

const choiceLabels: Record<Choice, string> = {
  sh: 'sh',
  bash: 'bash',
  custom: 'Custom command…',
  attach: 'Attach to main process',
};

/**
 * The automatic connection takes the focus only from nobody: not from a control the user reached with
 * the keyboard (a tab chosen with the arrow keys), and never into a hidden panel.
 */
function mayTakeFocus(host: HTMLElement): boolean {
  if (!host.checkVisibility()) return false;
  const active = document.activeElement;
  return !active || active === document.body || !active.matches(':focus-visible');
}

function statusText(state: SessionState, what: string): string {
  switch (state.phase) {
    case 'idle':
      return 'Not connected';
    case 'connecting':
      return `Connecting to ${what}…`;
    case 'connected':
      return state.attached ? `Attached to the main process${state.tty ? '' : ' (no TTY)'}` : `Connected: ${what}`;
    case 'ended':
      return state.reason ? 'Could not start' : state.code === null ? 'Disconnected' : `Exited with code ${state.code}`;
    case 'failed':
      return 'Connection failed';
  }
}

/**
 * An interactive shell in the container (exec with a TTY, in xterm.js), or an attach to its main
 * process. Resizes follow the panel; Ctrl+Shift+C / Ctrl+Shift+V (or right-click) copy and paste.
 * The xterm instance is on the element labelled "Terminal" as `__xterm` (for end-to-end tests).
 */
export function TerminalTab({ id }: { id: string }) {
  const api = useApi();
  const runtime = useRuntime();
  const container = useAppStore((s) => findContainer(s.containers, id));
  const phase = useAppStore((s) => s.containersPhase);
  const running = container?.state === 'running';
  const paused = container?.state === 'paused';

  const hostRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<XtermView | null>(null);
  const sessionRef = useRef<TerminalSession | null>(null);
  const [state, setState] = useState<SessionState>({ phase: 'idle' });
  const [choice, setChoice] = useState<Choice>('sh');
  const [custom, setCustom] = useState('');
  const [inputError, setInputError] = useState<string>();
  const [clipboardError, setClipboardError] = useState<string>();
  const [connectedAs, setConnectedAs] = useState('sh');

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const session = new TerminalSession(api, { write: (d) => viewRef.current?.write(d), onState: setState });
    const view = new XtermView(host, {
      onData: (d) => session.input(d),
      onResize: (cols, rows) => session.resize(cols, rows),
      openUrl: (url) => runtime.openUrl(url),
      onClipboardError: setClipboardError,
    });
    viewRef.current = view;
    sessionRef.current = session;
    return () => {
      session.dispose();
      view.dispose();
      viewRef.current = null;
      sessionRef.current = null;
    };
  }, [api, runtime]);

  const connect = useCallback(
    (which: Choice, how: 'user' | 'auto' = 'user') => {
      const view = viewRef.current;
      const session = sessionRef.current;
      if (!view || !session || !container) return;
      let command: 'sh' | 'bash' | string[] = 'sh';
      if (which === 'bash') command = 'bash';
      if (which === 'custom') {
        try {
          const argv = splitShellWords(custom);
          if (!argv.length) {
            setInputError('Type the command to run, e.g. python3 or ls -la /');
            return;
          }
          command = argv;
        } catch (err) {
          setInputError(messageOf(err));
          return;
        }
      }
      const options = { id: container.id, command, attach: which === 'attach', cols: view.cols, rows: view.rows };
      if (how === 'auto') {
        // The session decides: it connects by itself once, never on top of a connection.
        if (!session.autoConnect(options)) return;
      } else {
        setInputError(undefined);
        setClipboardError(undefined);
        view.reset();
        session.connect(options);
      }
      setConnectedAs(which === 'custom' ? custom.trim() : which === 'attach' ? 'main process' : which);
      if (how === 'user' || mayTakeFocus(view.element)) view.focus();
    },
    [custom, container],
  );

  // Open the chosen shell as soon as the tab shows a running container (once per session; afterwards
  // the user decides). A custom command waits for Connect: it may still be being typed.
  const autoConnect = useEffectEvent(() => {
    if (choice !== 'custom') connect(choice, 'auto');
  });
  useEffect(() => {
    if (running) autoConnect();
  }, [running]);

  const live = state.phase === 'connecting' || state.phase === 'connected';
  const problem =
    state.phase === 'ended' && state.message ? state.message : state.phase === 'failed' ? `The terminal could not connect: ${state.message}` : undefined;
  const notRunningText = paused
    ? 'The container is paused. Unpause it to open a shell.'
    : 'The container is not running. Start the container to open a shell.';

  return (
    <div className="terminal-tab">
      <div className="terminal-toolbar" role="toolbar" aria-label="Terminal controls">
        <label className="terminal-field">
          <span className="terminal-field__label">Shell</span>
          <select className="terminal-select" aria-label="Shell" value={choice} disabled={live} onChange={(e) => setChoice(e.target.value as Choice)}>
            {(Object.keys(choiceLabels) as Choice[]).map((c) => (
              <option key={c} value={c}>
                {choiceLabels[c]}
              </option>
            ))}
          </select>
        </label>
        {choice === 'custom' ? (
          <input
            className="terminal-input"
            aria-label="Custom command"
            aria-invalid={inputError ? true : undefined}
            placeholder="e.g. python3 or ls -la /"
            value={custom}
            disabled={live}
            onChange={(e) => setCustom(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !live && running) connect(choice);
            }}
          />
        ) : null}
        {live ? (
          <button type="button" className="btn" onClick={() => sessionRef.current?.disconnect()}>
            Disconnect
          </button>
        ) : (
          <button type="button" className="btn btn--primary" disabled={!running} onClick={() => connect(choice)}>
            Connect
          </button>
        )}
        <span className={`terminal-status terminal-status--${state.phase}`} role="status">
          <span className="terminal-status__dot" aria-hidden="true" />
          {statusText(state, connectedAs)}
        </span>
        <span className="terminal-toolbar__spacer" />
        {/* One group: in a narrow window the three wrap to the next line together, never Clear alone. */}
        <span className="terminal-toolbar__group">
          <button type="button" className="btn" title="Copy the selection (Ctrl+Shift+C)" onClick={() => void viewRef.current?.copy()}>
          Copy
        </button>
        <button type="button" className="btn" title="Paste (Ctrl+Shift+V)" disabled={state.phase !== 'connected'} onClick={() => void viewRef.current?.paste()}>
          Paste
        </button>
          <button type="button" className="btn" title="Clear the screen" onClick={() => viewRef.current?.clear()}>
            Clear
          </button>
        </span>
      </div>
      {inputError ? (
        <p className="terminal-message terminal-message--error" role="alert">
          {inputError}
        </p>
      ) : null}
      {/* A command that cannot be read says only that: not also the last session's problem, about another command. */}
      {problem && !inputError ? (
        <p className="terminal-message terminal-message--error" role="alert">
          {problem}
        </p>
      ) : null}
      {clipboardError ? (
        <p className="terminal-message terminal-message--warn" role="alert">
          {clipboardError}
        </p>
      ) : null}
      {!running && !live && (container || phase === 'live') ? (
        <p className="terminal-message terminal-message--info" role="status">
          {container ? notRunningText : 'This container no longer exists.'}
        </p>
      ) : null}
      <div className="terminal-frame">
        <div
          ref={hostRef}
          className="terminal-host"
          role="region"
          aria-label="Terminal"
          onContextMenu={(e) => {
            const view = viewRef.current;
            if (!view) return;
            e.preventDefault();
            if (view.term.hasSelection()) void view.copy();
            else if (state.phase === 'connected') void view.paste();
          }}
        />
      </div>
    </div>
  );
}
