import { useEffect, useRef } from 'react';
import type { ConnectionStatus } from '@luot/hub-client/react';
import { SCREEN_TEXT } from '../messages.ts';
import { HUB_BACK_EVENT } from '../sw/register.ts';
import { browserStorage } from './storage.ts';
import { rememberedSiteName, rememberSiteName, screenPhase } from './screen-phase.ts';
import './screen-status.css';

/**
 * Keeps the centre's name for the offline screen and tells the service worker when the hub is
 * back after being lost (a new build may be waiting there). Returns the screen's phase.
 */
export function useScreenPhase(status: ConnectionStatus, siteName: string | null) {
  useEffect(() => {
    if (siteName) rememberSiteName(browserStorage(), siteName);
  }, [siteName]);
  const lost = useRef(false);
  useEffect(() => {
    if (status === 'offline') lost.current = true;
    else if (status === 'online' && lost.current) {
      lost.current = false;
      window.dispatchEvent(new Event(HUB_BACK_EVENT));
    }
  }, [status]);
  return screenPhase(status, siteName !== null);
}

/**
 * The whole screen when there is no queue to show: the hub out of reach (it retries by itself),
 * a screen not paired or refused (how to pair it), or loading. Never a spinner without end.
 */
export function ScreenStatus({
  phase,
  hasToken,
  inline = false,
}: {
  phase: 'loading' | 'offline' | 'unpaired';
  hasToken: boolean;
  /** Within a board that still plays its content (the centre's name is in its header). */
  inline?: boolean;
}) {
  const site = inline ? null : rememberedSiteName(browserStorage());
  const pairPage = `${window.location.origin}${import.meta.env.BASE_URL}`;
  const Root = inline ? 'section' : 'main';
  return (
    <Root
      className={inline ? 'screen-status screen-status--inline' : 'screen-status'}
      data-phase={phase}
      data-testid="screen-status"
    >
      {site && <p className="screen-status__site">{site}</p>}
      {phase === 'loading' && <p className="screen-status__title">{SCREEN_TEXT.loading}</p>}
      {phase === 'offline' && (
        <>
          <p className="screen-status__icon" aria-hidden="true">
            ⟳
          </p>
          <h1 className="screen-status__title" role="alert">
            {SCREEN_TEXT.offlineTitle}
          </h1>
          <p className="screen-status__hint">{SCREEN_TEXT.offlineHint}</p>
        </>
      )}
      {phase === 'unpaired' && (
        <>
          <h1 className="screen-status__title" role="alert">
            {hasToken ? SCREEN_TEXT.refusedTitle : SCREEN_TEXT.unpairedTitle}
          </h1>
          {hasToken && <p className="screen-status__hint">{SCREEN_TEXT.refusedHint}</p>}
          <ol className="screen-status__steps">
            <li>{SCREEN_TEXT.pairSteps[0]}</li>
            <li>{SCREEN_TEXT.pairSteps[1]}</li>
            <li>
              {SCREEN_TEXT.pairSteps[2]}{' '}
              <a className="screen-status__link" href={import.meta.env.BASE_URL}>
                {pairPage}
              </a>
            </li>
          </ol>
        </>
      )}
    </Root>
  );
}
