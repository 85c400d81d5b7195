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
      {/* Drawn, not an emoji: a TV box often has no emoji font. */}
      <svg className="sound-badge__icon" viewBox="0 0 24 24" aria-hidden="true">
        <path d="M3 9v6h4l5 5V4L7 9H3z" fill="currentColor" />
        <path
          d="M16 9l6 6M22 9l-6 6"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
          strokeLinecap="round"
        />
      </svg>
      <span className="sound-badge__text">{BOARD_TEXT.enableSound}</span>
    </button>
  );
}
