/**
 * Installs the display app's service worker (see sw.ts) on the screens under `/display/`, in
 * the production build only. Never on the phone ticket page (`/t/…`): it is outside the
 * worker's scope, and is served by the public listener, which has no worker. When a new build
 * is deployed the worker updates (checked at start, every 15 minutes and when the hub comes
 * back) and the screen reloads once onto it.
 */
export function registerScreenWorker(): void {
  const base = import.meta.env.BASE_URL;
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  if (!window.location.pathname.startsWith(base)) return;
  const container = navigator.serviceWorker;
  // The first install takes control without a reload; every later build reloads the screen.
  let controlled = container.controller !== null;
  let reloading = false;
  container.addEventListener('controllerchange', () => {
    if (!controlled) {
      controlled = true;
      return;
    }
    if (reloading) return;
    reloading = true;
    window.location.reload();
  });
  container
    .register(`${base}sw.js`, { scope: base })
    .then((registration) => {
      const update = () => void registration.update().catch(() => {});
      setInterval(update, 15 * 60_000);
      window.addEventListener('online', update);
      window.addEventListener(HUB_BACK_EVENT, update);
    })
    .catch((error: unknown) => console.warn('service worker not installed', error));
}

/** Sent on window when a screen is in step with the hub again after losing it. */
export const HUB_BACK_EVENT = 'luot:hub-back';
