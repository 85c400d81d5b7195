// Placeholder until the screen is built (see the open issues); it renders its name only.
export function RatingPad() {
  return <main data-testid="placeholder">Máy đánh giá</main>;
}
