import type { PublishedDigest } from '@luot/protocol';
import { BOARD_TEXT } from '../messages.ts';

/**
 * The log's code of the previous sealed day along the foot of the board (issue 17): small beside
 * the called numbers, large enough to read and copy from across the lobby.
 */
export function DigestLine({ digest }: { digest: PublishedDigest | null }) {
  if (!digest) return null;
  const [y, m, d] = digest.day.split('-');
  return (
    <p className="digest" data-testid="digest" data-day={digest.day}>
      <span className="digest__label">{BOARD_TEXT.digest(`${d}/${m}/${y}`)}</span>{' '}
      <strong className="digest__code" data-testid="digest-code">
        {digest.code}
      </strong>
    </p>
  );
}
