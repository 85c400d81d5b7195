// Placeholder until the phone ticket page is built (see the open issues).
export function PhonePage({ token }: { token: string }) {
  return (
    <main data-testid="placeholder" data-token-length={token.length}>
      Phiếu của bạn
    </main>
  );
}
