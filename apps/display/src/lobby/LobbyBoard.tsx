// Placeholder until the screen is built (see the open issues); it renders its name only.
export function LobbyBoard() {
  return <main data-testid="placeholder">Bảng số sảnh chờ</main>;
}
