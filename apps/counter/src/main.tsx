// First: before any schema is built (see @luot/ui/no-eval).
import '@luot/ui/no-eval';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@luot/ui/theme.css';
import { App } from './App.tsx';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
