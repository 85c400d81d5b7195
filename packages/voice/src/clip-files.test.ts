/// <reference types="node" />
// Tests run in Node; eslint.config.js keeps Node APIs out of the rest of src/.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATE, allClipNames, buildAnnouncement } from './clips.ts';
import { promptCatalogue } from './prompts.ts';
import { LETTER_NAMES } from './spell.ts';

const CLIP_DIR = new URL('../../../assets/voice/vi/', import.meta.url);
const EXT = 'opus';

/** Every clip name buildAnnouncement asks for with the default template, over all inputs. */
function everyRequestedClip(): Set<string> {
  const names = new Set<string>();
  const add = (clips: string[]) => clips.forEach((c) => names.add(c));
  for (let n = 0; n <= 9999; n++) {
    add(buildAnnouncement({ label: String(n), counterNumber: 1, template: DEFAULT_TEMPLATE }));
    add(
      buildAnnouncement({
        label: String(n).padStart(4, '0'),
        counterNumber: 1,
        digitByDigit: true,
      }),
    );
  }
  for (let counter = 1; counter <= 99; counter++) {
    add(buildAnnouncement({ label: '1', counterNumber: counter, repeat: 3 }));
  }
  for (const letter of Object.keys(LETTER_NAMES)) {
    add(buildAnnouncement({ label: `${letter}012`, counterNumber: 5 }));
    add(buildAnnouncement({ label: `${letter.toLowerCase()}7`, counterNumber: 5 }));
  }
  return names;
}

describe('clip files in assets/voice/vi', () => {
  const files = new Set(readdirSync(CLIP_DIR));

  it('has a file for every clip an announcement can ask for', () => {
    const requested = everyRequestedClip();
    const missing = [...requested].filter((name) => !files.has(`${name}.${EXT}`));
    expect(missing).toEqual([]);
    // The sweep reaches the whole vocabulary of the default template.
    expect([...requested].sort()).toEqual(allClipNames().sort());
  });

  it('has no clip files that nothing asks for', () => {
    // The announcements' clips and the kiosk's spoken guidance.
    const known = new Set(
      [...allClipNames(), ...promptCatalogue('vi').map((c) => c.name)].map(
        (name) => `${name}.${EXT}`,
      ),
    );
    const extra = [...files].filter((f) => f.endsWith(`.${EXT}`) && !known.has(f));
    expect(extra).toEqual([]);
  });

  it('holds real Ogg files of a modest size', () => {
    let total = 0;
    for (const name of allClipNames()) {
      const bytes = readFileSync(new URL(`${name}.${EXT}`, CLIP_DIR));
      expect(bytes.subarray(0, 4).toString('latin1'), name).toBe('OggS');
      expect(bytes.subarray(28, 36).toString('latin1'), name).toBe('OpusHead');
      total += bytes.length;
    }
    expect(total).toBeLessThan(300 * 1024);
  });

  it('documents every clip in README.md', () => {
    const readme = readFileSync(new URL('README.md', CLIP_DIR), 'utf8');
    const undocumented = allClipNames().filter((name) => !readme.includes(`| \`${name}\` |`));
    expect(undocumented).toEqual([]);
  });
});
