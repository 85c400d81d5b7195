import { BOARD_TEXT } from '../messages.ts';
import './sound-overlay.css';

/** Asks once for the tap a browser needs before it lets a speaking board play sound. */
export function SoundOverlay({ onUnlock }: { onUnlock: () => void }) {
  return (
    <div className="sound-overlay" role="dialog" aria-modal="true" data-testid="sound-overlay">
      <button type="button" className="sound-overlay__button" onClick={onUnlock} autoFocus>
        <svg className="sound-overlay__icon" viewBox="0 0 24 24" aria-hidden="true">
          <path d="M3 9v6h4l5 5V4L7 9H3z" fill="currentColor" />
          <path
            d="M16 8.5a5 5 0 0 1 0 7M18.5 6a8.5 8.5 0 0 1 0 12"
            fill="none"
            stroke="currentColor"
            strokeWidth="2"
            strokeLinecap="round"
          />
        </svg>
        <span className="sound-overlay__title">{BOARD_TEXT.enableSound}</span>
        <span className="sound-overlay__hint">{BOARD_TEXT.enableSoundHint}</span>
      </button>
    </div>
  );
}
