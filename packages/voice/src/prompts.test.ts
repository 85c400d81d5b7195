/// <reference types="node" />
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { promptCatalogue, promptClip, ticketPromptClips } from './prompts.ts';

const files = (language: string) =>
  new Set(readdirSync(new URL(`../../../assets/voice/${language}/`, import.meta.url)));

describe('the kiosk’s spoken guidance', () => {
  it('reads a printed number as the announcements do in Vietnamese, digit by digit in English', () => {
    expect(ticketPromptClips('1001', 'vi')).toEqual([
      'moi-quy-khach-nhan-phieu',
      'so-thu-tu-cua-quy-khach-la',
      'mot-nang',
      'nghin',
      'khong',
      'tram',
      'linh',
      'mot-nang',
    ]);
    expect(ticketPromptClips('A012', 'en')).toEqual([
      'please-take-your-ticket',
      'your-number-is',
      'letter-a',
      'zero',
      'one',
      'two',
    ]);
    expect(promptClip('chooseField', 'vi')).toBe('moi-quy-khach-chon-linh-vuc');
  });

  it('has a clip file for every prompt, and every number the kiosk can read', () => {
    for (const language of ['vi', 'en'] as const) {
      const have = files(language);
      const wanted = new Set(promptCatalogue(language).map((c) => c.name));
      for (const label of ['0', '1001', '99999', 'A001', 'Đ123', 'Z9'])
        ticketPromptClips(label, language).forEach((c) => wanted.add(c));
      expect([...wanted].filter((name) => !have.has(`${name}.opus`))).toEqual([]);
    }
  });
});
