import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The screens' launch recipes (deploy/screens): the Linux script and the Windows .cmd file. */
export const SCREEN_RECIPES = {
  linux: fileURLToPath(new URL('../deploy/screens/luot-screen.sh', import.meta.url)),
  windows: fileURLToPath(new URL('../deploy/screens/luot-screen.cmd', import.meta.url)),
} as const;

/** Splits a command line on spaces, keeping "quoted parts" together (quotes removed). */
function words(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => (m[1] ?? m[2]!).replaceAll('"', ''));
}

/**
 * The browser flags a launch recipe starts Chromium (or Chrome, Edge) with, its variables
 * filled in: `hub` for the hub's address, `profile` for the browser profile folder. Read from
 * the `FLAGS=( … )` array of the Linux script or the `set FLAGS=…` line of the Windows file.
 */
export function screenRecipeFlags(
  recipe: keyof typeof SCREEN_RECIPES,
  vars: { hub: string; profile: string },
): string[] {
  const text = readFileSync(SCREEN_RECIPES[recipe], 'utf8');
  if (recipe === 'linux') {
    const block = /^FLAGS=\(\n([\s\S]*?)\n\)/m.exec(text);
    if (!block) throw new Error('no FLAGS=( … ) in the Linux recipe');
    return words(block[1]!.replace(/#.*$/gm, '')).map((w) =>
      w.replaceAll('$LUOT_HUB', vars.hub).replaceAll('$LUOT_PROFILE', vars.profile),
    );
  }
  const line = /^set FLAGS=(.*)$/m.exec(text.replaceAll('\r', ''));
  if (!line) throw new Error('no set FLAGS= in the Windows recipe');
  return words(line[1]!).map((w) =>
    w.replaceAll('%LUOT_HUB%', vars.hub).replaceAll('%PROFILE%', vars.profile),
  );
}
