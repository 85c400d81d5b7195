// First: before any schema is built (see @luot/ui/no-eval).
import '@luot/ui/no-eval';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@luot/ui/theme.css';
import { CounterSign } from './sign/CounterSign.tsx';
import { LobbyBoard } from './lobby/LobbyBoard.tsx';
import { PhonePage } from './phone/PhonePage.tsx';
import { RatingPad } from './rating/RatingPad.tsx';
import { ModeChooser } from './ModeChooser.tsx';
import { registerScreenWorker } from './sw/register.ts';
import { BookingPage } from './citizen/BookingPage.tsx';
import { CitizenPage } from './citizen/CitizenPage.tsx';
import { citizenRoute } from './citizen/paths.ts';

/**
 * One app, several screens: the path picks the mode; /t/<token> is the phone ticket page;
 * /, /lay-so and /b/<token> (under /display/ on the staff listener) the citizens' page.
 */
function App() {
  const path = window.location.pathname;
  const ticket = /^\/t\/([^/]+)/.exec(path);
  if (ticket) return <PhonePage token={decodeURIComponent(ticket[1]!)} />;
  const citizen = citizenRoute(path);
  if (citizen?.kind === 'booking') return <BookingPage token={citizen.token} />;
  if (citizen) return <CitizenPage />;
  const mode = path.replace(/^\/display\/?/, '').split('/')[0];
  switch (mode) {
    case 'lobby':
      return <LobbyBoard />;
    case 'sign':
      return <CounterSign />;
    case 'rating':
      return <RatingPad />;
    default:
      return <ModeChooser />;
  }
}

// The screens' offline shell only: the citizens' pages, like the phone page, keep no worker.
if (!citizenRoute(window.location.pathname)) registerScreenWorker();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
