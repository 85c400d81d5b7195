/** The browser's localStorage, or null where it is unavailable (private mode, blocked). */
export function browserStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
