import { Notice } from '../../ui/notice.js';
import { InspectSummaryView } from './inspect-summary-view.js';
import { JsonView } from './json-view.js';
import type { InspectLoad } from './use-container-inspect.js';

/** The Inspect tab: the readable summary, then the full JSON (searchable, copyable). */
export function InspectTab({ load }: { load: InspectLoad }) {
  if (load.kind === 'loading') return <Notice title="Loading inspect data…" busy role="status" />;
  if (load.kind === 'error')
    return (
      <Notice title="Inspect data could not be loaded." role="alert">
        <p>{load.message}</p>
      </Notice>
    );
  return (
    <div className="inspect-tab">
      <InspectSummaryView s={load.data.summary} />
      <JsonView value={load.data.raw} label="Inspect JSON" />
    </div>
  );
}
