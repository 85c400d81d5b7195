import type { ReactNode } from 'react';
import type { AccessModes } from './access.ts';
import { messages } from './messages.ts';

/** One toggle of the bar: a large button with an icon and its name, pressed while on. */
function Toggle({
  id,
  on,
  label,
  lang,
  icon,
  onPress,
}: {
  id: string;
  on: boolean | null;
  label: string;
  lang?: string;
  icon: ReactNode;
  onPress: () => void;
}) {
  return (
    <button
      type="button"
      className="access-button"
      data-access={id}
      aria-pressed={on === null ? undefined : on}
      lang={lang}
      onClick={onPress}
    >
      <svg viewBox="0 0 48 48" aria-hidden="true" focusable="false">
        {icon}
      </svg>
      <span>{label}</span>
    </button>
  );
}

/**
 * The accessibility bar under every citizen screen: large text, high contrast, spoken
 * guidance, and the other language (named in that language). Choices last one visit.
 */
export function AccessBar({
  modes,
  onToggle,
  onLanguage,
}: {
  modes: AccessModes;
  onToggle: (mode: 'largeText' | 'highContrast' | 'voice') => void;
  onLanguage: () => void;
}) {
  const t = messages.access;
  return (
    <nav className="access-bar" aria-label={t.bar} data-testid="access-bar">
      <Toggle
        id="large-text"
        on={modes.largeText}
        label={t.largeText}
        onPress={() => onToggle('largeText')}
        icon={
          <text
            x="24"
            y="36"
            textAnchor="middle"
            fontSize="30"
            fontWeight="800"
            fill="currentColor"
          >
            A+
          </text>
        }
      />
      <Toggle
        id="high-contrast"
        on={modes.highContrast}
        label={t.highContrast}
        onPress={() => onToggle('highContrast')}
        icon={
          <>
            <circle cx="24" cy="24" r="19" fill="none" stroke="currentColor" strokeWidth="4" />
            <path d="M24 5a19 19 0 0 1 0 38z" fill="currentColor" />
          </>
        }
      />
      <Toggle
        id="voice"
        on={modes.voice}
        label={t.voice}
        onPress={() => onToggle('voice')}
        icon={
          <>
            <path d="M6 18h8l11-9v30l-11-9H6z" fill="currentColor" />
            <path
              d="M31 16a10 10 0 0 1 0 16M36 10a18 18 0 0 1 0 28"
              fill="none"
              stroke="currentColor"
              strokeWidth="4"
              strokeLinecap="round"
            />
          </>
        }
      />
      <Toggle
        id="language"
        on={null}
        label={t.otherLanguage}
        lang={t.otherLanguageCode}
        onPress={onLanguage}
        icon={
          <>
            <circle cx="24" cy="24" r="19" fill="none" stroke="currentColor" strokeWidth="4" />
            <path
              d="M5 24h38M24 5c-7 8-7 30 0 38M24 5c7 8 7 30 0 38"
              fill="none"
              stroke="currentColor"
              strokeWidth="3"
            />
          </>
        }
      />
    </nav>
  );
}
