// Placeholder until the screen is built (see the open issues); it renders its name only.
export function CounterSign() {
  return <main data-testid="placeholder">Màn hình trên quầy</main>;
}
