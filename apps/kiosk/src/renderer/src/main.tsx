// First: before any schema is built (see @luot/ui/no-eval).
import '@luot/ui/no-eval';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@luot/ui/theme.css';
import './kiosk.css';
import './access.css';
import { App } from './App.tsx';
import { pickHost } from './host.ts';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App host={pickHost()} />
  </StrictMode>,
);
