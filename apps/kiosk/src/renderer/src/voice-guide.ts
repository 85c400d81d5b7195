import { useEffect, useState } from 'react';
import { promptClip, ticketPromptClips, type PromptLanguage } from '@luot/voice';

/** One prompt the kiosk started to say, as installers and browser tests can read it. */
export interface GuideRecord {
  language: PromptLanguage;
  /** The clip names, in order. */
  clips: string[];
  /** Every clip played to its end. */
  completed: boolean;
  /** Cut short by the next prompt, or by guidance being turned off. */
  stopped: boolean;
  /** Clips that could not be played (missing file, decode error, autoplay refused). */
  failed: string[];
}

/** Where the kiosk keeps the last prompts it said (`window.__luotGuidance`). */
export const GUIDE_LOG_GLOBAL = '__luotGuidance';
const LOG_LIMIT = 50;
/** A clip that neither ends nor fails within this time is given up. */
const CLIP_TIMEOUT_MS = 10_000;

/** Where the build puts assets/voice/<language> (electron.vite.config.ts): beside index.html. */
function clipUrl(language: PromptLanguage, clip: string): string {
  return new URL(`voice/${language}/${clip}.opus`, document.baseURI).href;
}

/** Plays one audio element to its end; resolves early when paused (the prompt was cut short). */
function playToEnd(audio: HTMLAudioElement): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error('timed out')), CLIP_TIMEOUT_MS);
    const finish = (error?: Error) => {
      clearTimeout(timer);
      audio.onended = audio.onerror = audio.onpause = null;
      if (error) reject(error);
      else resolve();
    };
    audio.onended = () => finish();
    audio.onpause = () => finish();
    audio.onerror = () => finish(new Error(`cannot play ${audio.src}`));
    audio.play().catch((e: unknown) => finish(e instanceof Error ? e : new Error(String(e))));
  });
}

/**
 * The kiosk's voice: says one prompt at a time, a new prompt cutting the one playing short (the
 * citizen moved on; old guidance would mislead). Unlike announcements, nothing queues.
 */
export function createGuide(log: GuideRecord[]) {
  let current: { cancelled: boolean; audio: HTMLAudioElement | null } | null = null;
  const stop = () => {
    if (!current) return;
    current.cancelled = true;
    current.audio?.pause();
    current = null;
  };
  const say = (clips: string[], language: PromptLanguage) => {
    stop();
    const run: { cancelled: boolean; audio: HTMLAudioElement | null } = {
      cancelled: false,
      audio: null,
    };
    current = run;
    const record: GuideRecord = { language, clips, completed: false, stopped: false, failed: [] };
    log.push(record);
    if (log.length > LOG_LIMIT) log.splice(0, log.length - LOG_LIMIT);
    void (async () => {
      for (const clip of clips) {
        if (run.cancelled) break;
        run.audio = new Audio(clipUrl(language, clip));
        try {
          await playToEnd(run.audio);
        } catch {
          record.failed.push(clip);
        }
      }
      if (run.cancelled) record.stopped = true;
      else record.completed = true;
      if (current === run) current = null;
    })();
  };
  return { say, stop };
}

/** What the kiosk says on arriving at a screen, or null for silence. */
export type GuideCue =
  | { kind: 'choose-field' }
  | { kind: 'scan-card' }
  | { kind: 'ticket'; label: string }
  | { kind: 'refused' }
  | null;

const CUE_PROMPTS = {
  'choose-field': 'chooseField',
  'scan-card': 'scanCard',
  refused: 'refused',
} as const;

/** The clips of a cue in a language. */
export function cueClips(cue: Exclude<GuideCue, null>, language: PromptLanguage): string[] {
  if (cue.kind === 'ticket') return ticketPromptClips(cue.label, language);
  return [promptClip(CUE_PROMPTS[cue.kind], language)];
}

/**
 * Spoken guidance while `enabled`: each new cue (a screen reached) is said once, in the visit's
 * language; turning guidance on says the current screen's cue at once, turning it off stops.
 */
export function useVoiceGuide(enabled: boolean, language: PromptLanguage, cue: GuideCue) {
  const [guide] = useState(() => {
    const log: GuideRecord[] = [];
    (window as unknown as Record<string, unknown>)[GUIDE_LOG_GLOBAL] = log;
    return createGuide(log);
  });
  const key = cue === null ? null : JSON.stringify(cue);
  useEffect(() => {
    if (!enabled) return guide.stop();
    if (key !== null)
      guide.say(cueClips(JSON.parse(key) as Exclude<GuideCue, null>, language), language);
  }, [enabled, language, key, guide]);
}

/**
 * The cue of a kiosk screen: the field buttons (when they can be used) invite a choice, a
 * card step asks for the ID card, a number on paper or on screen is read out, a refusal points
 * to the message on screen.
 */
export function cueOf(
  screen: { kind: string; ticket?: { label: string } },
  choosing: boolean,
): GuideCue {
  if (screen.kind === 'home') return choosing ? { kind: 'choose-field' } : null;
  if (screen.ticket && (screen.kind === 'printed' || screen.kind === 'on-screen'))
    return { kind: 'ticket', label: screen.ticket.label };
  if (screen.kind === 'id-card') return { kind: 'scan-card' };
  if (['not-issued', 'check-in-refused', 'card-refused'].includes(screen.kind))
    return { kind: 'refused' };
  return null;
}
