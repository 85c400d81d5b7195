import { useEffect, useRef, useState } from 'react';
import { formatDurationVi } from '@luot/ui';
import { M } from '../messages.ts';
import './alarms.css';
import type { DashboardAlarm } from '@luot/domain';
import { newAlarmKeys } from './alarms.ts';

const A = M.dashboard.alarms;
const MUTE_KEY = 'luot.dashboard.alarmsMuted';

function alarmText(a: DashboardAlarm): string {
  return a.kind === 'waitOverTarget'
    ? A.waitOverTarget(a.fieldName, formatDurationVi(a.waitMs), a.targetMinutes)
    : A.calledNotStarted(a.counterName, a.ticketLabel, formatDurationVi(a.sinceCalledMs));
}

/** Two short tones (Web Audio, no file to load); silently nothing where audio is unavailable. */
function beep(): void {
  try {
    const ctx = new AudioContext();
    const gain = ctx.createGain();
    gain.gain.value = 0.2;
    gain.connect(ctx.destination);
    [0, 0.3].forEach((offset) => {
      const osc = ctx.createOscillator();
      osc.frequency.value = 880;
      osc.connect(gain);
      osc.start(ctx.currentTime + offset);
      osc.stop(ctx.currentTime + offset + 0.18);
    });
    setTimeout(() => void ctx.close(), 1000);
  } catch {
    // No audio device or no Web Audio: the badge alone shows the alarm.
  }
}

function storedMuted(): boolean {
  try {
    return localStorage.getItem(MUTE_KEY) === '1';
  } catch {
    return false;
  }
}

/**
 * The dashboard's alarm badge: how many alarms, each in words, and a sound once per new alarm
 * (not again while it lasts), with a mute toggle this browser remembers.
 */
export function AlarmBadge({ alarms }: { alarms: DashboardAlarm[] }) {
  const [muted, setMuted] = useState(storedMuted);
  const sounded = useRef<Set<string>>(new Set());
  const keys = alarms.map((a) => a.key).join('|');

  useEffect(() => {
    const fresh = newAlarmKeys(sounded.current, alarms);
    sounded.current = new Set(alarms.map((a) => a.key));
    if (fresh.length > 0 && !muted) beep();
    // Only a change of the set of alarms can sound, not each second's new durations.
  }, [keys]);

  function toggleMute() {
    const next = !muted;
    setMuted(next);
    try {
      localStorage.setItem(MUTE_KEY, next ? '1' : '0');
    } catch {
      // Private mode: the choice lasts until the page is reloaded.
    }
  }

  return (
    <div
      className="alarm-badge"
      data-testid="alarm-badge"
      data-level={alarms.length > 0 ? 'alarm' : 'ok'}
      role="status"
      aria-live="polite"
    >
      <div className="alarm-head">
        <strong data-testid="alarm-count">
          {alarms.length > 0 ? `⚠ ${A.count(alarms.length)}` : A.none}
        </strong>
        <button
          type="button"
          className="alarm-mute"
          data-testid="alarm-mute"
          aria-pressed={muted}
          onClick={toggleMute}
          title={muted ? A.unmute : A.mute}
        >
          {muted ? A.unmute : A.mute}
        </button>
      </div>
      {alarms.length > 0 && (
        <ul className="alarm-list">
          {alarms.map((a) => (
            <li key={a.key} data-alarm={a.kind}>
              {alarmText(a)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
