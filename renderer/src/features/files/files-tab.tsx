import { useState } from 'react';
import { ChangesView } from './changes-view.js';
import { FileBrowser } from './file-browser.js';
import './files.css';
import './files-transfers.css';

/** The "Files" tab of a container: browse (download, upload) and what changed against the image. */
export function FilesTab({ id, initialPath }: { id: string; initialPath?: string }) {
  const [view, setView] = useState<'browse' | 'changes'>('browse');
  return (
    <section className="files" aria-label="Container files">
      <div className="files__views" role="group" aria-label="Files view">
        <button type="button" className="seg" aria-pressed={view === 'browse'} onClick={() => setView('browse')}>
          Browse
        </button>
        <button type="button" className="seg" aria-pressed={view === 'changes'} onClick={() => setView('changes')}>
          Changes
        </button>
      </div>
      {/* Both stay mounted so the folder, filter and transfers survive a switch. */}
      <div hidden={view !== 'browse'} className="files__pane">
        <FileBrowser key={id} id={id} initialPath={initialPath} />
      </div>
      {view === 'changes' ? (
        <div className="files__pane">
          <ChangesView id={id} />
        </div>
      ) : null}
    </section>
  );
}
