import { useMemo } from 'react';
import { qrModules } from './qr.ts';

/** A QR code drawn as SVG squares, with the quiet zone the standard asks for. */
export function QrCode({ text, size, label }: { text: string; size: number; label: string }) {
  const path = useMemo(() => {
    const rows = qrModules(text);
    let d = '';
    rows.forEach((row, y) =>
      row.forEach((dark, x) => {
        if (dark) d += `M${x + 4} ${y + 4}h1v1h-1z`;
      }),
    );
    return { d, side: rows.length + 8 };
  }, [text]);
  return (
    <svg
      role="img"
      aria-label={label}
      data-testid="ticket-qr"
      data-url={text}
      width={size}
      height={size}
      viewBox={`0 0 ${path.side} ${path.side}`}
      shapeRendering="crispEdges"
    >
      <rect width={path.side} height={path.side} fill="#fff" />
      <path d={path.d} fill="#000" />
    </svg>
  );
}
