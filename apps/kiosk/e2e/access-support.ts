// Browser-test support for the kiosk's accessible modes: measuring what a citizen would notice.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

/** Where screenshots go for the lead to look at (not the repository); unset: none. */
const SHOTS = process.env.LUOT_SHOTS_DIR;

export async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

/** Presses one of the accessibility bar's buttons and waits for it to show the new state. */
export async function toggle(
  page: Page,
  mode: 'large-text' | 'high-contrast' | 'voice' | 'language',
): Promise<void> {
  await page.click(`[data-access="${mode}"]`);
}

/** The bar's state as a citizen sees it: which buttons are pressed, and the page's language. */
export async function modesShown(page: Page) {
  return page.evaluate(() => ({
    lang: document.documentElement.lang,
    pressed: Array.from(document.querySelectorAll('[data-access][aria-pressed="true"]')).map(
      (b) => (b as HTMLElement).dataset.access,
    ),
  }));
}

export interface ContrastFinding {
  text: string;
  ratio: number;
  color: string;
  background: string;
}

/**
 * The contrast ratio (WCAG 2) of every visible piece of text on the page against the
 * background drawn behind it (the nearest ancestor with an opaque background colour), the
 * lowest first. Disabled controls are left out, as WCAG leaves them out.
 */
export function textContrasts(page: Page): Promise<ContrastFinding[]> {
  return page.evaluate(() => {
    const parse = (c: string) => {
      const m = c.match(/rgba?\(([^)]+)\)/);
      if (!m) return null;
      const [r, g, b, a = 1] = m[1]!
        .split(/[ ,/]+/)
        .filter(Boolean)
        .map(Number);
      return { r: r!, g: g!, b: b!, a };
    };
    const lum = ({ r, g, b }: { r: number; g: number; b: number }) => {
      const ch = (v: number) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * ch(r) + 0.7152 * ch(g) + 0.0722 * ch(b);
    };
    const backgroundOf = (el: Element | null): string => {
      for (let e = el; e; e = e.parentElement) {
        const bg = getComputedStyle(e).backgroundColor;
        const p = parse(bg);
        if (p && p.a > 0.9) return bg;
      }
      return 'rgb(255, 255, 255)';
    };
    const found: { text: string; ratio: number; color: string; background: string }[] = [];
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      const own = Array.from(el.childNodes)
        .filter((n) => n.nodeType === Node.TEXT_NODE)
        .map((n) => n.textContent ?? '')
        .join('')
        .trim();
      if (!own || el.closest('[disabled], svg, [aria-hidden="true"]')) continue;
      const rect = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (rect.width === 0 || rect.height === 0 || style.visibility === 'hidden') continue;
      if (rect.bottom < 0 || rect.top > innerHeight) continue;
      const fg = parse(style.color)!;
      const background = backgroundOf(el);
      const [l1, l2] = [lum(fg), lum(parse(background)!)].sort((a, b) => b - a);
      found.push({
        text: own.slice(0, 40),
        ratio: Math.round(((l1! + 0.05) / (l2! + 0.05)) * 100) / 100,
        color: style.color,
        background,
      });
    }
    return found.sort((a, b) => a.ratio - b.ratio);
  });
}

/** Every field button on screen: where it is and whether its text spills out. */
export function fieldBoxes(page: Page) {
  return page.$$eval('.field-button', (buttons) =>
    buttons.map((b) => {
      const r = b.getBoundingClientRect();
      const spills = Array.from(b.querySelectorAll('span')).some((s) => {
        const t = s.getBoundingClientRect();
        return t.bottom > r.bottom + 1 || t.right > r.right + 1;
      });
      return {
        field: (b as HTMLElement).dataset.field ?? null,
        top: r.top,
        bottom: r.bottom,
        right: r.right,
        height: r.height,
        spills,
      };
    }),
  );
}

/** The height on screen of one line of an element's text (its first line box), in pixels. */
export function lineHeightOf(page: Page, selector: string): Promise<number> {
  return page.$eval(selector, (el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    return range.getClientRects()[0]?.height ?? 0;
  });
}
