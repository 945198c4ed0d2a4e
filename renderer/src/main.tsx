import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { composeFilePicker, getApi, openExternal, transportStatus } from './api/index.js';
import { App } from './app/app.js';
import { createAppRuntime } from './app/runtime.js';
import { RuntimeContext } from './app/runtime-context.js';
import './styles/theme.css';
import './styles/dialog.css';

// Composition root of the window: one API client, one runtime (store + subscriptions), one React tree.
const runtime = createAppRuntime(getApi(), {
  host: window.berthHost ? 'desktop' : 'browser',
  openUrl: openExternal,
  pickComposeFiles: composeFilePicker(),
  transportStatus,
});
window.addEventListener('pagehide', (e) => {
  if (!e.persisted) runtime.dispose();
});

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <RuntimeContext.Provider value={runtime}>
      <App />
    </RuntimeContext.Provider>
  </StrictMode>,
);
