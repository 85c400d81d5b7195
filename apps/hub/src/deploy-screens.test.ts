import { readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SCREEN_RECIPES, screenRecipeFlags } from '../testing/screen-recipe.ts';

const vars = { hub: 'http://192.168.1.10:8080', profile: '/home/tv/.local/share/luot-screen' };

/** What a screen needs from its browser (see apps/display/README.md, "Lobby TVs"). */
const NEEDED = [
  '--kiosk',
  '--autoplay-policy=no-user-gesture-required',
  `--unsafely-treat-insecure-origin-as-secure=${vars.hub}`,
  `--user-data-dir=${vars.profile}`,
];

describe('the screens launch recipes in deploy/screens', () => {
  it.each(['linux', 'windows'] as const)(
    'the %s recipe starts the browser with the flags the screen needs',
    (recipe) => {
      const flags = screenRecipeFlags(recipe, vars);
      for (const flag of NEEDED) expect(flags).toContain(flag);
      // One autoplay policy only: a second one would decide instead.
      expect(flags.filter((f) => f.startsWith('--autoplay-policy='))).toHaveLength(1);
    },
  );

  it('both recipes open the display app of the configured hub and wait for it first', () => {
    const sh = readFileSync(SCREEN_RECIPES.linux, 'utf8');
    expect(sh).toMatch(/URL="\$LUOT_HUB\/display\/\$LUOT_SCREEN"/);
    expect(sh).toContain('$LUOT_HUB/healthz');
    expect(statSync(SCREEN_RECIPES.linux).mode & 0o111).not.toBe(0);
    const cmd = readFileSync(SCREEN_RECIPES.windows, 'utf8');
    expect(cmd).toContain('set "URL=%LUOT_HUB%/display/%LUOT_SCREEN%"');
    expect(cmd).toContain('%LUOT_HUB%/healthz');
    // cmd.exe reads batch files line by line with CRLF endings.
    expect(cmd.split('\n').every((l) => l === '' || l.endsWith('\r'))).toBe(true);
  });
});
