import type { WebContents } from 'electron';

/**
 * Whether a URL belongs to the kiosk app: under the renderer's own folder (a file: URL) or,
 * in development, on the dev server's origin. Everything else, the hub's pages included, is
 * off limits to the kiosk window.
 */
export function isAppUrl(url: string, appUrl: string): boolean {
  let target: URL;
  let app: URL;
  try {
    target = new URL(url);
    app = new URL(appUrl);
  } catch {
    return false;
  }
  if (app.protocol === 'file:') {
    const folder = app.pathname.slice(0, app.pathname.lastIndexOf('/') + 1);
    return (
      target.protocol === 'file:' &&
      target.host === app.host &&
      target.pathname.startsWith(folder) &&
      !target.pathname.slice(folder.length).includes('..')
    );
  }
  return target.origin === app.origin;
}

/**
 * Keeps a window's contents on the app: navigations and redirects elsewhere are cancelled,
 * new windows are denied, and <webview> tags are refused. `onBlocked` hears each attempt.
 */
export function guardNavigation(
  contents: WebContents,
  appUrl: string,
  onBlocked: (url: string) => void = () => undefined,
): void {
  const block = (event: { preventDefault(): void }, url: string): void => {
    if (isAppUrl(url, appUrl)) return;
    event.preventDefault();
    onBlocked(url);
  };
  contents.on('will-navigate', (event) => block(event, event.url));
  contents.on('will-redirect', (event) => block(event, event.url));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    onBlocked('webview');
  });
  contents.setWindowOpenHandler(({ url }) => {
    onBlocked(url);
    return { action: 'deny' };
  });
}
