import { useLayoutEffect, useState } from 'react';
import { setLanguage, type KioskLanguage } from './messages.ts';

/** The citizen's choices on the accessibility bar; each lasts one visit. */
export interface AccessModes {
  /** Every text and touch target about 1.4× (the layout still fits the screen). */
  largeText: boolean;
  /** White and yellow on black, every text at least 7:1 (WCAG AAA). */
  highContrast: boolean;
  /** Voice prompts on each step, in the chosen language. */
  voice: boolean;
  language: KioskLanguage;
}

/** How the kiosk starts, and what it goes back to after each visit. */
export const DEFAULT_ACCESS: AccessModes = {
  largeText: false,
  highContrast: false,
  voice: false,
  language: 'vi',
};

/**
 * The visit's accessible modes. The language is switched for every text rendered from now on
 * (at render time, so children read the new catalogue), and the page's `<html>` carries
 * `lang`, `data-text="large"` and `data-contrast="high"` for the style sheet.
 */
export function useAccessModes() {
  const [modes, setModes] = useState<AccessModes>(DEFAULT_ACCESS);
  setLanguage(modes.language);
  useLayoutEffect(() => {
    const root = document.documentElement;
    root.lang = modes.language;
    root.dataset.text = modes.largeText ? 'large' : 'normal';
    root.dataset.contrast = modes.highContrast ? 'high' : 'normal';
  }, [modes]);
  return {
    modes,
    toggle: (mode: 'largeText' | 'highContrast' | 'voice') =>
      setModes((m) => ({ ...m, [mode]: !m[mode] })),
    switchLanguage: () => setModes((m) => ({ ...m, language: m.language === 'vi' ? 'en' : 'vi' })),
    /** Back to the defaults, so the next citizen starts fresh. */
    reset: () => setModes(DEFAULT_ACCESS),
  };
}
