/**
 * The token a screen connects with. An operator opens the screen once with `?token=…` (as
 * printed by `luot device pair`); the browser keeps it, so a TV that restarts reconnects alone,
 * and the token leaves the address bar (and so history, bookmarks and screenshots) at once.
 */
export function deviceToken(mode: string, search = window.location.search): string | null {
  const key = `luot.token.${mode}`;
  const fromUrl = new URLSearchParams(search).get('token');
  if (fromUrl) {
    window.localStorage.setItem(key, fromUrl);
    dropTokenFromAddress();
    return fromUrl;
  }
  return window.localStorage.getItem(key);
}

/** Replaces the current address with the same one without its `token` parameter. */
export function dropTokenFromAddress(win: Window = window): void {
  const url = new URL(win.location.href);
  if (!url.searchParams.has('token')) return;
  url.searchParams.delete('token');
  win.history.replaceState(win.history.state, '', url.pathname + url.search + url.hash);
}

/** The hub that served this page. */
export function hubUrl(): string {
  return window.location.origin;
}
