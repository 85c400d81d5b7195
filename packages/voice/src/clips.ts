import { NUMBER_WORDS, numberWords } from './number-words.ts';
import type { NumberWord } from './number-words.ts';
import { LETTER_NAMES, labelDigitWords, parseLabel } from './spell.ts';

/** The default announcement, as in the centre's regulations. */
export const DEFAULT_TEMPLATE = 'Mời công dân có số thứ tự {number} đến quầy số {counter}';

/** The chime that opens every announcement. */
export const CHIME_CLIP = 'chime';

/** A short silence between two repetitions of the sentence. */
export const PAUSE_CLIP = 'pause';

/** What a clip file contains: spoken words, the chime, or silence. */
export type ClipKind = 'speech' | 'chime' | 'silence';

/** One clip file `assets/voice/vi/<name>.<ext>` and what it says. */
export interface VoiceClip {
  /** ASCII slug, the file name without extension. */
  name: string;
  /** The Vietnamese words spoken (a description for non-speech clips). */
  text: string;
  kind: ClipKind;
}

/**
 * Clip names of the number words. Slugs drop diacritics; the two pairs that would collide
 * (một/mốt, mười/mươi) both carry the name of their tone (nặng, sắc, huyền, ngang).
 */
export const NUMBER_CLIPS: Readonly<Record<NumberWord, string>> = {
  không: 'khong',
  một: 'mot-nang',
  hai: 'hai',
  ba: 'ba',
  bốn: 'bon',
  năm: 'nam',
  sáu: 'sau',
  bảy: 'bay',
  tám: 'tam',
  chín: 'chin',
  mười: 'muoi-huyen',
  mươi: 'muoi-ngang',
  mốt: 'mot-sac',
  lăm: 'lam',
  tư: 'tu',
  linh: 'linh',
  trăm: 'tram',
  nghìn: 'nghin',
};

/** Clip name of a prefix letter: "chu-a" … "chu-z", and "chu-dd" for Đ (Telex spelling). */
export function letterClipName(letter: string): string {
  return letter === 'Đ' ? 'chu-dd' : `chu-${letter.toLowerCase()}`;
}

/**
 * The ASCII slug of Vietnamese text: diacritics dropped, đ → d, lower case, every run of
 * other characters a single "-". "Mời công dân có số thứ tự" → "moi-cong-dan-co-so-thu-tu".
 */
export function slugify(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function fixedClips(): VoiceClip[] {
  return [
    { name: CHIME_CLIP, text: '(chuông: hai nốt ngân nhẹ)', kind: 'chime' },
    { name: PAUSE_CLIP, text: '(khoảng lặng giữa hai lần đọc)', kind: 'silence' },
    ...NUMBER_WORDS.map((w): VoiceClip => ({ name: NUMBER_CLIPS[w], text: w, kind: 'speech' })),
    ...Object.entries(LETTER_NAMES).map(([letter, said]): VoiceClip => ({
      name: letterClipName(letter),
      text: said,
      kind: 'speech',
    })),
  ];
}

/** A piece of a parsed template: a phrase clip or a placeholder. */
export type TemplatePart =
  { type: 'phrase'; clip: VoiceClip } | { type: 'number' } | { type: 'counter' };

const PLACEHOLDER = /\{([^{}]*)\}/g;

/** Trims whitespace and punctuation from both ends: ", đến quầy số " → "đến quầy số". */
function phraseText(segment: string): string {
  return segment.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
}

/** Same words, whatever the case or punctuation. */
function sameWords(a: string, b: string): boolean {
  const norm = (s: string) =>
    s
      .normalize('NFC')
      .toLocaleLowerCase('vi')
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();
  return norm(a) === norm(b);
}

/** Registers clips by name, refusing one name for two different texts. */
function addClip(byName: Map<string, VoiceClip>, clip: VoiceClip): void {
  const existing = byName.get(clip.name);
  if (!existing) byName.set(clip.name, clip);
  else if (!sameWords(existing.text, clip.text)) {
    throw new Error(
      `Clip name "${clip.name}" would say both "${existing.text}" and "${clip.text}"; reword one phrase of the template.`,
    );
  }
}

/**
 * Splits an announcement template into phrase clips and the placeholders {number} and
 * {counter}. Each literal segment between placeholders becomes one clip named by its slug.
 * Throws if the template has no {number}, an unknown placeholder, or a phrase whose slug
 * is already the name of a clip that says something else.
 */
export function parseTemplate(template: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  const byName = new Map(fixedClips().map((c) => [c.name, c]));
  let hasNumber = false;
  const pushPhrase = (segment: string) => {
    const text = phraseText(segment);
    const name = slugify(text);
    if (name === '') return;
    const clip: VoiceClip = { name, text, kind: 'speech' };
    addClip(byName, clip);
    parts.push({ type: 'phrase', clip });
  };
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    pushPhrase(template.slice(last, match.index));
    const key = match[1]?.trim();
    if (key === 'number') {
      hasNumber = true;
      parts.push({ type: 'number' });
    } else if (key === 'counter') parts.push({ type: 'counter' });
    else {
      throw new Error(
        `Unknown placeholder "${match[0]}" in announcement template; use {number} and {counter}.`,
      );
    }
    last = match.index + match[0].length;
  }
  pushPhrase(template.slice(last));
  if (!hasNumber) throw new Error('The announcement template must contain {number}.');
  return parts;
}

/** What to announce and how. */
export interface AnnouncementOptions {
  /** The ticket label as printed: "1023", "A012". */
  label: string;
  counterNumber: number;
  /** Defaults to {@link DEFAULT_TEMPLATE}. */
  template?: string;
  /** Read the ticket's digits one by one ("một không hai ba") instead of as a number. */
  digitByDigit?: boolean;
  /** How many times the sentence is spoken after the chime, 1–3; default 1. */
  repeat?: number;
}

/**
 * The Vietnamese clip names that read a ticket label: its letters spelled, then its digits as a
 * number (or one by one with `digitByDigit`). Throws a TypeError on a label that cannot be read.
 */
export function labelClips(label: string, digitByDigit = false): string[] {
  const { letters, digits } = parseLabel(label);
  return [
    ...letters.map(letterClipName),
    ...labelDigitWords(digits, digitByDigit).map((w) => NUMBER_CLIPS[w]),
  ];
}

/**
 * The clip names of one announcement: the chime, then the sentence `repeat` times with a
 * pause between. Letters of the label are spelled; its digits are read as a number unless
 * `digitByDigit`; the counter is read as a number. Throws on a bad label, template or repeat.
 */
export function buildAnnouncement(options: AnnouncementOptions): string[] {
  const { label, counterNumber, template = DEFAULT_TEMPLATE, digitByDigit = false } = options;
  const repeat = options.repeat ?? 1;
  if (!Number.isInteger(repeat) || repeat < 1 || repeat > 3) {
    throw new RangeError(`repeat must be 1, 2 or 3, not ${repeat}.`);
  }
  const numberClips = labelClips(label, digitByDigit);
  const counterClips = numberWords(counterNumber).map((w) => NUMBER_CLIPS[w]);
  const sentence = parseTemplate(template).flatMap((part) =>
    part.type === 'phrase' ? [part.clip.name] : part.type === 'number' ? numberClips : counterClips,
  );
  const clips = [CHIME_CLIP, ...sentence];
  for (let i = 1; i < repeat; i++) clips.push(PAUSE_CLIP, ...sentence);
  return clips;
}

/**
 * Every clip an announcer can ask for with these templates: chime, pause, number words,
 * letter names and the templates' phrases, each once, in that order. Throws if two phrases
 * would share a file name but say different words.
 */
export function clipCatalogue(templates: readonly string[] = [DEFAULT_TEMPLATE]): VoiceClip[] {
  const byName = new Map<string, VoiceClip>();
  for (const clip of fixedClips()) addClip(byName, clip);
  for (const template of templates) {
    for (const part of parseTemplate(template)) {
      if (part.type === 'phrase') addClip(byName, part.clip);
    }
  }
  return [...byName.values()];
}

/** The names of {@link clipCatalogue}: every file that must exist in `assets/voice/vi/`. */
export function allClipNames(templates: readonly string[] = [DEFAULT_TEMPLATE]): string[] {
  return clipCatalogue(templates).map((c) => c.name);
}

/**
 * The clips a template needs that are not among `available` (clip names, without extension),
 * with the words each must say, so an admin who edits the template knows what to record.
 */
export function missingClips(template: string, available: Iterable<string>): VoiceClip[] {
  const have = new Set(available);
  return clipCatalogue([template]).filter((c) => !have.has(c.name));
}
