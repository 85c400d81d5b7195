/**
 * The token a screen connects with. An operator opens the screen once with `?token=…` (as
 * printed by `luot device pair`); the browser keeps it, so a TV that restarts reconnects alone.
 */
export function deviceToken(mode: string, search = window.location.search): string | null {
  const key = `luot.token.${mode}`;
  const fromUrl = new URLSearchParams(search).get('token');
  if (fromUrl) {
    window.localStorage.setItem(key, fromUrl);
    return fromUrl;
  }
  return window.localStorage.getItem(key);
}

/** The hub that served this page. */
export function hubUrl(): string {
  return window.location.origin;
}
