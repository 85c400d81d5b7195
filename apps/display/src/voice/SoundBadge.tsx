import { BOARD_TEXT } from '../messages.ts';
import './sound-badge.css';

/**
 * Where the browser still blocks sound (a TV not started with the launch recipe's autoplay
 * flag): a small badge in a corner that leaves the board fully visible. A tap on it, anywhere
 * on the screen or a key press (see `useAnnouncer`) unlocks the voice.
 */
export function SoundBadge({ onUnlock }: { onUnlock: () => void }) {
  return (
    <button
      type="button"
      className="sound-badge"
      data-testid="sound-badge"
      onClick={onUnlock}
      title={BOARD_TEXT.enableSoundHint}
    >
      <span className="sound-badge__icon" aria-hidden="true">
        🔇
      </span>
      <span className="sound-badge__text">{BOARD_TEXT.enableSound}</span>
    </button>
  );
}
