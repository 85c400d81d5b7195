/**
 * Generates the Vietnamese voice clips in assets/voice/vi/ (Ogg Opus, mono, 24 kbit/s):
 * speech with espeak-ng, silence trimmed and level normalised with sox, a chime synthesised
 * with sox. Rewrites assets/voice/vi/README.md with the list of clips, then prints the number
 * of clips, their total size and the length of the default announcement. Also makes the kiosk's
 * spoken guidance (`promptCatalogue` in @luot/voice): its Vietnamese prompts beside the
 * announcement clips, and English prompts, digits and letters in assets/voice/en/ (espeak-ng -v en).
 *
 *   npx tsx scripts/generate-voice.ts [--template "Xin mời số {number} …"]… [--missing-only]
 *
 * --template adds the phrases of another announcement template (repeatable);
 * --missing-only keeps existing files, e.g. human recordings, and makes only the missing ones.
 * Needs: apt-get install espeak-ng sox opus-tools
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_TEMPLATE, buildAnnouncement, clipCatalogue, promptCatalogue } from '@luot/voice';
import type { VoiceClip } from '@luot/voice';

const OUT_DIR = fileURLToPath(new URL('../assets/voice/vi/', import.meta.url));
const EN_DIR = fileURLToPath(new URL('../assets/voice/en/', import.meta.url));
const EXT = 'opus';
const VOICE = 'vi'; // espeak-ng's northern Vietnamese voice
const WORDS_PER_MINUTE = 150; // a little slower than espeak's 175, for a noisy lobby
const SPEECH_KBPS = 24;
const CHIME_KBPS = 32;
const SAMPLE_RATE = 48_000;

function run(command: string, args: string[]): string {
  return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** sox in repeatable mode (fixed dither seed), so regenerating gives identical files. */
function sox(args: string[]): void {
  run('sox', ['-R', ...args]);
}

function requireTools(): void {
  const tools: [string, string][] = [
    ['espeak-ng', 'espeak-ng'],
    ['sox', 'sox'],
    ['soxi', 'sox'],
    ['opusenc', 'opus-tools'],
    ['opusdec', 'opus-tools'],
  ];
  const missing = tools.filter(([tool]) => {
    try {
      execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
      return false;
    } catch {
      return true;
    }
  });
  if (missing.length > 0) {
    const packages = [...new Set(missing.map(([, pkg]) => pkg))].join(' ');
    throw new Error(`Missing ${missing.map(([t]) => t).join(', ')}: apt-get install ${packages}`);
  }
}

/** A stable Ogg stream serial per clip (FNV-1a), so regenerating gives identical files. */
function serialOf(name: string): number {
  let hash = 0x811c9dc5;
  for (const c of name) hash = Math.imul(hash ^ c.charCodeAt(0), 0x01000193) >>> 0;
  return hash & 0x7fffffff;
}

/**
 * Speech: espeak-ng → trim leading and trailing silence → 20/40 ms pads (clips are played
 * back to back; the player adds its own small gap) → peak at -3 dBFS.
 */
function speak(text: string, wav: string, work: string, voice = VOICE): void {
  const raw = join(work, 'raw.wav');
  // Letter names are written with hyphens ("e-lờ"); espeak-ng gets plain words.
  const words = text.replace(/-/g, ' ');
  run('espeak-ng', ['-v', voice, '-s', String(WORDS_PER_MINUTE), '-w', raw, words]);
  // prettier-ignore
  sox([raw, '-r', String(SAMPLE_RATE), wav,
    'silence', '1', '0.01', '0.1%', 'reverse', 'silence', '1', '0.01', '0.1%', 'reverse',
    'pad', '0.02', '0.04', 'gain', '-n', '-3']);
}

/** Chime: two soft bell-like sine tones, E5 then C5, overlapping, peak at -9 dBFS. */
function chime(wav: string, work: string): void {
  const tone = (file: string, hz: number, delay: number) =>
    // prettier-ignore
    sox(['-n', '-r', String(SAMPLE_RATE), '-c', '1', '-b', '16', join(work, file),
      'synth', '0.9', 'sine', String(hz), 'fade', 'q', '0.01', '0.9', '0.85',
      'pad', String(delay), '0']);
  tone('high.wav', 659.25, 0);
  tone('low.wav', 523.25, 0.4);
  // prettier-ignore
  sox(['-m', join(work, 'high.wav'), join(work, 'low.wav'), '-b', '16', wav,
    'reverb', '20', 'silence', '0', '1', '0.05', '0.05%', 'gain', '-n', '-9']);
}

function silence(wav: string, seconds: number): void {
  sox(['-n', '-r', String(SAMPLE_RATE), '-c', '1', '-b', '16', wav, 'trim', '0', String(seconds)]);
}

function encode(wav: string, out: string, clip: VoiceClip): void {
  const kbps = clip.kind === 'chime' ? CHIME_KBPS : SPEECH_KBPS;
  // prettier-ignore
  run('opusenc', ['--quiet', '--bitrate', String(kbps), clip.kind === 'chime' ? '--music' : '--speech',
    '--padding', '0', '--serial', String(serialOf(clip.name)), wav, out]);
}

/** Length of an Ogg Opus file in seconds, measured by decoding it and asking soxi. */
function durationOf(file: string, work: string): number {
  const wav = join(work, 'decoded.wav');
  run('opusdec', ['--quiet', file, wav]);
  return Number(run('soxi', ['-D', wav]).trim());
}

/** The kiosk's guidance clips of one language into `dir`; returns how many were made. */
function makePrompts(
  clips: VoiceClip[],
  dir: string,
  voice: string,
  missingOnly: boolean,
  work: string,
) {
  mkdirSync(dir, { recursive: true });
  let made = 0;
  for (const clip of clips) {
    const out = join(dir, `${clip.name}.${EXT}`);
    if (missingOnly && existsSync(out)) continue;
    const wav = join(work, 'clip.wav');
    speak(clip.text, wav, work, voice);
    encode(wav, out, clip);
    made++;
  }
  return made;
}

function promptRows(clips: VoiceClip[]): string {
  return clips.map((c) => `| \`${c.name}\` | ${c.text} |`).join('\n');
}

function englishReadme(clips: VoiceClip[]): string {
  return `# Voice clips (English)

The kiosk's spoken guidance in English, for a visitor who chose English with spoken guidance
on (\`promptCatalogue('en')\` in \`@luot/voice\`): the prompts, then the digits and letters a
ticket number is read with, one by one. Generated by \`npx tsx scripts/generate-voice.ts\` with
\`espeak-ng -v en\`; replace any file with a recording of the same name.

| name | says |
| --- | --- |
${promptRows(clips)}
`;
}

function readme(clips: VoiceClip[]): string {
  const kinds: Record<VoiceClip['kind'], string> = {
    speech: 'speech',
    chime: 'sound',
    silence: 'silence',
  };
  const rows = clips.map((c) => `| \`${c.name}\` | ${c.text} | ${kinds[c.kind]} |`);
  return `# Voice clips (Vietnamese)

Announcements are played as a sequence of these clips, each a file \`<name>.${EXT}\` here
(Ogg Opus, mono, ${SPEECH_KBPS} kbit/s; the chime ${CHIME_KBPS} kbit/s). The default announcement
is a chime, then the sentence

> ${DEFAULT_TEMPLATE}

with \`{number}\` and \`{counter}\` read from the number-word and letter clips. For ticket
1023 to counter 5 the clips are

\`${buildAnnouncement({ label: '1023', counterNumber: 5 }).join(' ')}\`

The files are generated by \`npx tsx scripts/generate-voice.ts\` with espeak-ng. A centre can
replace any of them with a human recording **of the same name**: mono, silence trimmed at
both ends, e.g. \`opusenc --bitrate ${SPEECH_KBPS} recording.wav ${clipExample(clips)}.${EXT}\`.
A template with new wording needs one clip per text between its placeholders, named by the
text without diacritics (\`missingClips(template, available)\` in \`@luot/voice\` lists them);
\`--template "…" --missing-only\` generates only those.

Names drop diacritics; the pairs một/mốt and mười/mươi would collide, so they carry the
name of their tone (\`-nang\`, \`-sac\`, \`-huyen\`, \`-ngang\`). Letter clips are
\`chu-<letter>\`, with \`chu-dd\` for Đ.

| name | says | kind |
| --- | --- | --- |
${rows.join('\n')}

## The kiosk's spoken guidance

With _Hướng dẫn bằng giọng nói_ on, the kiosk says these prompts (\`promptCatalogue('vi')\`),
and reads the ticket's number with the number-word and letter clips above.

| name | says |
| --- | --- |
${promptRows(promptCatalogue('vi'))}
`;
}

function clipExample(clips: VoiceClip[]): string {
  return clips.find((c) => c.kind === 'speech' && c.name.includes('-'))?.name ?? 'hai';
}

function main(): void {
  const { values } = parseArgs({
    options: {
      template: { type: 'string', multiple: true, default: [] },
      'missing-only': { type: 'boolean', default: false },
    },
  });
  requireTools();
  const clips = clipCatalogue([DEFAULT_TEMPLATE, ...(values.template ?? [])]);
  mkdirSync(OUT_DIR, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'luot-voice-'));
  try {
    let made = 0;
    for (const clip of clips) {
      const out = join(OUT_DIR, `${clip.name}.${EXT}`);
      if (values['missing-only'] && existsSync(out)) continue;
      const wav = join(work, 'clip.wav');
      if (clip.kind === 'chime') chime(wav, work);
      else if (clip.kind === 'silence') silence(wav, 0.5);
      else speak(clip.text, wav, work);
      encode(wav, out, clip);
      made++;
    }
    const madeVi = makePrompts(promptCatalogue('vi'), OUT_DIR, VOICE, values['missing-only'], work);
    console.log(`Generated ${madeVi} Vietnamese guidance clips in ${OUT_DIR}`);
    writeFileSync(join(OUT_DIR, 'README.md'), readme(clips));
    const english = promptCatalogue('en');
    const madeEn = makePrompts(english, EN_DIR, 'en', values['missing-only'], work);
    writeFileSync(join(EN_DIR, 'README.md'), englishReadme(english));
    console.log(`Generated ${madeEn} of ${english.length} English guidance clips in ${EN_DIR}`);

    const durations = new Map(
      clips.map((c) => [c.name, durationOf(join(OUT_DIR, `${c.name}.${EXT}`), work)]),
    );
    const bytes = clips.reduce(
      (sum, c) => sum + statSync(join(OUT_DIR, `${c.name}.${EXT}`)).size,
      0,
    );
    const known = new Set([...clips, ...promptCatalogue('vi')].map((c) => `${c.name}.${EXT}`));
    const extra = readdirSync(OUT_DIR).filter((f) => f.endsWith(`.${EXT}`) && !known.has(f));
    const announcement = buildAnnouncement({ label: '1023', counterNumber: 5 });
    const seconds = announcement.reduce((sum, name) => sum + (durations.get(name) ?? 0), 0);
    const sentence = seconds - (durations.get('chime') ?? 0);

    console.log(`Generated ${made} of ${clips.length} clips in ${OUT_DIR}`);
    console.log(`Total size: ${(bytes / 1024).toFixed(1)} KiB (${bytes} bytes)`);
    console.log(
      `Default announcement, 1023 to counter 5 (${announcement.length} clips): ${seconds.toFixed(2)} s` +
        ` (chime ${(durations.get('chime') ?? 0).toFixed(2)} s + sentence ${sentence.toFixed(2)} s)`,
    );
    const longest = [...durations].sort((a, b) => b[1] - a[1])[0];
    if (longest) console.log(`Longest clip: ${longest[0]} ${longest[1].toFixed(2)} s`);
    if (extra.length > 0) console.log(`Not used by these templates: ${extra.join(', ')}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main();
