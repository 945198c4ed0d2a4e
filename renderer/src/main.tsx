// First: the runtime (WebSocket, store, subscriptions) starts before React and the UI are evaluated.
import { runtime } from './app/boot.js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app.js';
import { RuntimeContext } from './app/runtime-context.js';
import './styles/theme.css';
import './styles/components.css';
import './styles/dialog.css';
import './styles/form-controls.css';

// Composition root of the window: one runtime (app/boot.ts), one React tree.
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <RuntimeContext.Provider value={runtime}>
      <App />
    </RuntimeContext.Provider>
  </StrictMode>,
);
