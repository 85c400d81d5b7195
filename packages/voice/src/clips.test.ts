import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TEMPLATE,
  allClipNames,
  buildAnnouncement,
  clipCatalogue,
  missingClips,
  parseTemplate,
  slugify,
} from './clips.ts';

const SENTENCE_1023_5 = [
  'moi-cong-dan-co-so-thu-tu',
  'mot-nang',
  'nghin',
  'khong',
  'tram',
  'hai',
  'muoi-ngang',
  'ba',
  'den-quay-so',
  'nam',
];

describe('buildAnnouncement', () => {
  it('builds the default announcement of 1023 to counter 5', () => {
    expect(buildAnnouncement({ label: '1023', counterNumber: 5 })).toEqual([
      'chime',
      ...SENTENCE_1023_5,
    ]);
  });

  it('spells a letter prefix', () => {
    expect(
      buildAnnouncement({ label: 'A012', counterNumber: 15, template: DEFAULT_TEMPLATE }),
    ).toEqual([
      'chime',
      'moi-cong-dan-co-so-thu-tu',
      'chu-a',
      'muoi-huyen',
      'hai',
      'den-quay-so',
      'muoi-huyen',
      'lam',
    ]);
  });

  it('reads digit by digit, the counter still as a number', () => {
    expect(buildAnnouncement({ label: 'Đ1023', counterNumber: 21, digitByDigit: true })).toEqual([
      'chime',
      'moi-cong-dan-co-so-thu-tu',
      'chu-dd',
      'mot-nang',
      'khong',
      'hai',
      'ba',
      'den-quay-so',
      'hai',
      'muoi-ngang',
      'mot-sac',
    ]);
  });

  it('repeats the sentence after one chime, with a pause between', () => {
    expect(buildAnnouncement({ label: '1023', counterNumber: 5, repeat: 2 })).toEqual([
      'chime',
      ...SENTENCE_1023_5,
      'pause',
      ...SENTENCE_1023_5,
    ]);
    expect(buildAnnouncement({ label: '7', counterNumber: 1, repeat: 3 })).toHaveLength(
      1 + 3 * 4 + 2,
    );
  });

  it.each([0, 4, 1.5])('refuses repeat %s', (repeat) => {
    expect(() => buildAnnouncement({ label: '1', counterNumber: 1, repeat })).toThrow(RangeError);
  });

  it('follows a custom template', () => {
    expect(
      buildAnnouncement({
        label: 'B7',
        counterNumber: 4,
        template: 'Xin mời số {number}, đến quầy {counter}. Xin cảm ơn!',
      }),
    ).toEqual(['chime', 'xin-moi-so', 'chu-b', 'bay', 'den-quay', 'bon', 'xin-cam-on']);
  });
});

describe('templates', () => {
  it('slugs phrases to ASCII file names', () => {
    expect(slugify('Mời công dân có số thứ tự')).toBe('moi-cong-dan-co-so-thu-tu');
    expect(slugify(' đến quầy số ')).toBe('den-quay-so');
    expect(slugify('ĐĂNG KÝ, đất đai!')).toBe('dang-ky-dat-dai');
  });

  it('splits the default template', () => {
    expect(parseTemplate(DEFAULT_TEMPLATE)).toEqual([
      {
        type: 'phrase',
        clip: {
          name: 'moi-cong-dan-co-so-thu-tu',
          text: 'Mời công dân có số thứ tự',
          kind: 'speech',
        },
      },
      { type: 'number' },
      { type: 'phrase', clip: { name: 'den-quay-so', text: 'đến quầy số', kind: 'speech' } },
      { type: 'counter' },
    ]);
  });

  it('refuses a template without {number} or with an unknown placeholder', () => {
    expect(() => parseTemplate('Mời quầy {counter}')).toThrow(/\{number\}/);
    expect(() => parseTemplate('Mời {name} số {number}')).toThrow(/\{name\}/);
  });

  it('refuses a phrase whose file name is taken by other words', () => {
    // "bà" slugs to "ba", the clip that says "ba" (three).
    expect(() => parseTemplate('Mời bà {number}')).not.toThrow();
    expect(() => parseTemplate('{number} bà')).toThrow(/"ba"/);
    expect(() => clipCatalogue(['Mời {number} tới', 'Mời {number} tối'])).toThrow(/"toi"/);
    // The same words reuse the clip.
    expect(parseTemplate('{number} ba')).toEqual([
      { type: 'number' },
      { type: 'phrase', clip: { name: 'ba', text: 'ba', kind: 'speech' } },
    ]);
  });
});

describe('clip lists', () => {
  it('lists every clip once, with ASCII names', () => {
    const names = allClipNames();
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(names).toEqual(expect.arrayContaining(['chime', 'pause', 'moi-cong-dan-co-so-thu-tu']));
    // 2 sounds, 18 number words, 27 letters, 2 phrases.
    expect(names).toHaveLength(2 + 18 + 27 + 2);
  });

  it('adds the phrases of every template', () => {
    const names = allClipNames([DEFAULT_TEMPLATE, 'Xin mời số {number} đến quầy {counter}']);
    expect(names.slice(-4)).toEqual([
      'moi-cong-dan-co-so-thu-tu',
      'den-quay-so',
      'xin-moi-so',
      'den-quay',
    ]);
  });

  it('tells an admin which recordings a new template needs', () => {
    const available = allClipNames();
    expect(missingClips(DEFAULT_TEMPLATE, available)).toEqual([]);
    expect(missingClips('Xin mời số {number} đến quầy số {counter}', available)).toEqual([
      { name: 'xin-moi-so', text: 'Xin mời số', kind: 'speech' },
    ]);
    expect(missingClips(DEFAULT_TEMPLATE, ['chime']).map((c) => c.name)).toContain('tu');
  });
});
