// Placeholder until this app is built (see the open issues); it renders its name only.
export function App() {
  return <main data-testid="placeholder">Lượt — admin</main>;
}
