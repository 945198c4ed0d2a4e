import { Spinner } from './spinner.js';

/** What a page or tab shows while its code arrives: small, and announced politely. */
export function PageLoading() {
  return (
    <div className="page-loading" role="status">
      <Spinner /> Loading…
    </div>
  );
}
