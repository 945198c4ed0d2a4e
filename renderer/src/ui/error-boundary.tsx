import { Component, type ErrorInfo, type ReactNode } from 'react';
import { isStaleChunk } from '../lib/import-with-retry.js';
import { AlertIcon } from './icons.js';


interface Props {
  children: ReactNode;
  /** A change (the route) clears a shown error: the next page gets its own chance. */
  resetKey: string;
}

/**
 * What a page shows when it throws while rendering, or its code cannot be loaded, instead of a blank
 * window: the reason and a Reload button. The sidebar and header stay, so other pages remain reachable.
 */
export class PageErrorBoundary extends Component<Props, { error?: Error }> {
  override state: { error?: Error } = {};

  static getDerivedStateFromError(error: unknown): { error: Error } {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('Berth: a page failed to render', error, info.componentStack);
  }

  override componentDidUpdate(prev: Props): void {
    if (prev.resetKey !== this.props.resetKey && this.state.error) this.setState({ error: undefined });
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    const stale = isStaleChunk(error.message);
    return (
      <div className="banner banner--error" role="alert" aria-labelledby="page-error-title">
        <AlertIcon className="banner__icon" />
        <div className="banner__body">
          <p className="banner__title" id="page-error-title">
            {stale ? 'Berth was updated since this window opened' : 'This page could not be shown'}
          </p>
          <p>{stale ? 'Part of the app could not be loaded because it changed on disk. Reload the window to get the new version.' : error.message}</p>
          <p>
            <button type="button" className="btn" onClick={() => location.reload()}>
              Reload
            </button>
          </p>
        </div>
      </div>
    );
  }
}
