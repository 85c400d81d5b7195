import { labelClips, slugify, type VoiceClip } from './clips.ts';
import { parseLabel } from './spell.ts';

/** The languages of the kiosk's spoken guidance: clips in `assets/voice/<language>/`. */
export type PromptLanguage = 'vi' | 'en';

/** What the kiosk says to a citizen who turned spoken guidance on. */
export type KioskPrompt = 'chooseField' | 'scanCard' | 'takeTicket' | 'yourNumber' | 'refused';

/** The words of each prompt; a clip each, named by the slug of its words. */
export const KIOSK_PROMPTS: Readonly<Record<PromptLanguage, Record<KioskPrompt, string>>> = {
  vi: {
    chooseField: 'Mời quý khách chọn lĩnh vực',
    scanCard: 'Mời quý khách quét căn cước công dân hoặc nhập số trên màn hình',
    takeTicket: 'Mời quý khách nhận phiếu',
    yourNumber: 'Số thứ tự của quý khách là',
    refused: 'Chưa lấy được số, mời quý khách xem thông báo trên màn hình',
  },
  en: {
    chooseField: 'Please choose a service',
    scanCard: 'Please scan your citizen ID card, or type its number on the screen',
    takeTicket: 'Please take your ticket',
    yourNumber: 'Your number is',
    refused: 'No number was issued. Please read the message on the screen',
  },
};

const EN_DIGITS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

/** English letter clips: "letter-a" … "letter-z"; Đ is read as D. */
function enLetterClip(letter: string): string {
  return `letter-${letter === 'Đ' ? 'd' : letter.toLowerCase()}`;
}

/** The clip name of a prompt in a language. */
export function promptClip(prompt: KioskPrompt, language: PromptLanguage): string {
  return slugify(KIOSK_PROMPTS[language][prompt]);
}

/**
 * What the kiosk says when the ticket has printed: "Mời quý khách nhận phiếu. Số thứ tự của quý
 * khách là một nghìn không trăm linh một" (the number read as the announcements read it), or in
 * English the letters and digits one by one ("… Your number is one zero zero one").
 */
export function ticketPromptClips(label: string, language: PromptLanguage): string[] {
  const intro = [promptClip('takeTicket', language), promptClip('yourNumber', language)];
  if (language === 'vi') return [...intro, ...labelClips(label)];
  const { letters, digits } = parseLabel(label);
  return [...intro, ...letters.map(enLetterClip), ...[...digits].map((d) => EN_DIGITS[Number(d)]!)];
}

/**
 * Every guidance clip of a language that `scripts/generate-voice.ts` must make: the prompts,
 * and for English the digits and letters (Vietnamese numbers use the announcements' clips).
 */
export function promptCatalogue(language: PromptLanguage): VoiceClip[] {
  const prompts = Object.values(KIOSK_PROMPTS[language]).map((text): VoiceClip => ({
    name: slugify(text),
    text,
    kind: 'speech',
  }));
  if (language === 'vi') return prompts;
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
    .split('')
    .map((l): VoiceClip => ({ name: enLetterClip(l), text: l, kind: 'speech' }));
  const digits = EN_DIGITS.map((d): VoiceClip => ({ name: d, text: d, kind: 'speech' }));
  return [...prompts, ...digits, ...letters];
}
