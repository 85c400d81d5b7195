import { useEffect, useRef } from 'react';
import { messages } from './messages.ts';
import './id-card.css';

/**
 * "Quét căn cước công dân": after a field that reads cards was chosen. A picture of the card's
 * front shows where its QR code is; the scan itself is heard by the kiosk as a whole (see
 * scan-route.ts). _Nhập số CCCD_ opens the keypad; _Bỏ qua_ only when the field's card is optional.
 */
export function IdCardStep({
  fieldName,
  required,
  onType,
  onSkip,
  onBack,
}: {
  fieldName: string;
  required: boolean;
  onType: () => void;
  onSkip: () => void;
  onBack: () => void;
}) {
  const t = messages.idCard;
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), []);
  return (
    <section
      className="screen id-card"
      data-screen="id-card"
      data-mode={required ? 'required' : 'optional'}
    >
      <p className="id-card-field">{fieldName}</p>
      <h1 className="id-card-title">{t.title}</h1>
      <p className="id-card-lead">{required ? t.requiredLead : t.optionalLead}</p>
      <CardPicture />
      <p className="id-card-how">{t.howTo}</p>
      <p className="id-card-purpose">{t.purpose}</p>
      <div className="id-card-actions">
        <button
          type="button"
          ref={first}
          className="id-card-type"
          data-testid="id-type-number"
          onClick={onType}
        >
          {t.typeNumber}
        </button>
        {!required && (
          <button type="button" className="id-card-skip" data-testid="id-skip" onClick={onSkip}>
            {t.skip}
          </button>
        )}
      </div>
      <button type="button" className="back-button" onClick={onBack}>
        {messages.back}
      </button>
    </section>
  );
}

/** The CCCD's front, drawn: emblem, photo, lines of text and the QR code at the top right. */
function CardPicture() {
  const t = messages.idCard;
  return (
    <svg className="id-card-picture" viewBox="0 0 860 540" role="img" aria-label={t.cardPicture}>
      <rect x="6" y="6" width="848" height="528" rx="36" fill="#e9f1f7" stroke="#8aa6c1" />
      <rect x="6" y="6" width="848" height="96" rx="36" fill="#c9dcea" />
      <circle cx="88" cy="70" r="46" fill="#d9453b" />
      <path d="M88 40l9 28h29l-23 17 9 28-24-17-24 17 9-28-23-17h29z" fill="#f6d04d" />
      <rect x="160" y="44" width="380" height="18" rx="9" fill="#7d95ad" />
      <rect x="160" y="78" width="300" height="14" rx="7" fill="#9fb3c6" />
      <rect x="40" y="150" width="200" height="250" rx="14" fill="#b8c9d8" />
      <circle cx="140" cy="240" r="52" fill="#8ea6bc" />
      <path d="M60 390c10-70 150-70 160 0z" fill="#8ea6bc" />
      {[170, 230, 290, 350, 410].map((y, i) => (
        <rect
          key={y}
          x="280"
          y={y}
          width={i === 0 ? 300 : 290 - i * 20}
          height="22"
          rx="11"
          fill="#9fb3c6"
        />
      ))}
      <g className="id-card-qr">
        <rect
          x="628"
          y="16"
          width="200"
          height="200"
          rx="12"
          fill="#fff"
          stroke="#f4b942"
          strokeWidth="10"
        />
        {QR_DOTS.map(([x, y]) => (
          <rect
            key={`${x}-${y}`}
            x={648 + x * 20}
            y={36 + y * 20}
            width="18"
            height="18"
            fill="#1b1b1b"
          />
        ))}
      </g>
      <text x="728" y="262" textAnchor="middle" className="id-card-qr-label">
        {t.qrLabel}
      </text>
    </svg>
  );
}

/** An 8×8 pattern that reads as a QR code at a glance (three finder corners and some dots). */
const QR_DOTS: readonly (readonly [number, number])[] = [
  ...[0, 1, 2].flatMap((x) => [0, 1, 2].map((y) => [x, y] as const)),
  ...[5, 6, 7].flatMap((x) => [0, 1, 2].map((y) => [x, y] as const)),
  ...[0, 1, 2].flatMap((x) => [5, 6, 7].map((y) => [x, y] as const)),
  [4, 1],
  [3, 3],
  [5, 4],
  [4, 5],
  [6, 6],
  [7, 4],
  [4, 7],
  [6, 7],
  [3, 5],
];
