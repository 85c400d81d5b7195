import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { GlobalFonts } from '@napi-rs/canvas';

/**
 * Be Vietnam Pro (SIL OFL 1.1) from @fontsource/be-vietnam-pro. The package ships the font
 * split into unicode subsets as WOFF2, which @napi-rs/canvas (Skia + FreeType) loads. Each
 * subset is registered as its own family and the ticket names all of them in `ctx.font`,
 * so Skia takes each glyph from the subset that has it: Latin, then Vietnamese, then Latin
 * Extended. Together they cover every Vietnamese letter, "Đ/đ" and the en dash.
 */
const SUBSETS = [
  { subset: 'latin', family: 'Luot Ticket Latin' },
  { subset: 'vietnamese', family: 'Luot Ticket Vietnamese' },
  { subset: 'latin-ext', family: 'Luot Ticket Latin Ext' },
] as const;

/** Weights the ticket layout uses. */
export const FONT_WEIGHTS = [500, 600, 800] as const;
export type FontWeight = (typeof FONT_WEIGHTS)[number];

/** The CSS font-family list that the ticket draws with. */
export const TICKET_FONT_FAMILY = SUBSETS.map((s) => `'${s.family}'`).join(', ');

/** A CSS font shorthand for the ticket font at a weight and pixel size. */
export function ticketFont(weight: FontWeight, sizePx: number): string {
  return `${weight} ${sizePx}px ${TICKET_FONT_FAMILY}`;
}

// Skia's font registry is process-wide, so registration is too; this flag only avoids
// registering the same files twice. It holds no state of ours.
let registered = false;

/**
 * Registers the embedded ticket font with @napi-rs/canvas; safe to call many times.
 * Files are read through node:fs (which also reads from an Electron asar archive) and
 * handed over as bytes.
 */
export function registerTicketFonts(): void {
  if (registered) return;
  const require = createRequire(import.meta.url);
  for (const { subset, family } of SUBSETS) {
    for (const weight of FONT_WEIGHTS) {
      const file = require.resolve(
        `@fontsource/be-vietnam-pro/files/be-vietnam-pro-${subset}-${weight}-normal.woff2`,
      );
      if (!GlobalFonts.register(readFileSync(file), family)) {
        throw new Error(`Could not register the ticket font ${file}`);
      }
    }
  }
  registered = true;
}
