/// <reference types="node" />
// Tests run in Node; eslint.config.js keeps Node APIs out of the rest of src/.
import { describe, expect, it } from 'vitest';
import { createAnnouncer } from './announcer.ts';
import type { AnnouncedCall, AnnouncerOptions } from './announcer.ts';

/** A player whose announcements end only when the test says so, and which records overlap. */
function fakePlayer() {
  const started: string[][] = [];
  const pending: { resolve: () => void; reject: (e: unknown) => void }[] = [];
  let active = 0;
  let maxActive = 0;
  const play = (clips: string[]) =>
    new Promise<void>((resolve, reject) => {
      started.push(clips);
      active++;
      maxActive = Math.max(maxActive, active);
      pending.push({
        resolve: () => {
          active--;
          resolve();
        },
        reject: (e) => {
          active--;
          reject(e);
        },
      });
    });
  return {
    play,
    started,
    get playing() {
      return active;
    },
    get maxActive() {
      return maxActive;
    },
    /** Ends the oldest announcement still playing, and lets the queue react. */
    async finish() {
      const p = pending.shift();
      if (!p) throw new Error('nothing is playing');
      p.resolve();
      await flush();
    },
    async fail(error: unknown) {
      const p = pending.shift();
      if (!p) throw new Error('nothing is playing');
      p.reject(error);
      await flush();
    },
  };
}

const flush = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function setup(options: Partial<AnnouncerOptions> = {}) {
  let time = 1_000_000;
  const player = fakePlayer();
  const errors: unknown[] = [];
  const announcer = createAnnouncer({
    play: player.play,
    now: () => time,
    onError: (e) => errors.push(e),
    ...options,
  });
  return {
    announcer,
    player,
    errors,
    get time() {
      return time;
    },
    advance(ms: number) {
      time += ms;
    },
    call(key: string, label: string, counterNumber: number, extra: Partial<AnnouncedCall> = {}) {
      return { key, label, counterNumber, at: time, ...extra };
    },
  };
}

/** The spoken label of an announcement: its clips between the first phrase and "den-quay-so". */
const said = (clips: string[]) => clips.slice(2, clips.indexOf('den-quay-so')).join(' ');

describe('createAnnouncer', () => {
  it('plays overlapping calls strictly one after another', async () => {
    const t = setup();
    expect(t.announcer.announce(t.call('c1', '1001', 1))).toBe('queued');
    t.advance(300);
    expect(t.announcer.announce(t.call('c2', '1002', 2))).toBe('queued');
    expect(t.announcer.announce(t.call('c3', '2001', 3))).toBe('queued');
    await flush();
    expect(t.player.started).toHaveLength(1);
    expect(t.announcer.pending).toBe(2);

    t.advance(4000);
    await t.player.finish();
    expect(t.player.started).toHaveLength(2);
    t.advance(4000);
    await t.player.finish();
    t.advance(4000);
    await t.player.finish();

    expect(t.player.started.map(said)).toEqual([
      'mot-nang nghin khong tram linh mot-nang',
      'mot-nang nghin khong tram linh hai',
      'hai nghin khong tram linh mot-nang',
    ]);
    expect(t.player.maxActive).toBe(1);
    expect(t.announcer.pending).toBe(0);
    await t.announcer.idle();
  });

  it('announces a call once, and a recall again', async () => {
    const t = setup();
    const call = t.call('ticket-7#call-1', 'A007', 4);
    t.announcer.announce(call);
    expect(t.announcer.announce(call)).toBe('duplicate');
    await t.player.finish();
    t.advance(1000);
    expect(t.announcer.announce({ ...call })).toBe('duplicate');
    t.advance(20_000);
    expect(t.announcer.announce(t.call('ticket-7#call-2', 'A007', 4, { recall: true }))).toBe(
      'queued',
    );
    await flush();
    await t.player.finish();
    expect(t.player.started.map(said)).toEqual(['chu-a bay', 'chu-a bay']);
  });

  it('drops calls that happened while the screen was disconnected', async () => {
    const t = setup({ maxAgeMs: 5000 });
    const old = t.call('c1', '1001', 1);
    const lastBeforeReconnect = t.call('c2', '1002', 2);
    t.advance(60_000);
    // On reconnect the hub sends the recent calls again, then a new one arrives.
    expect(t.announcer.announce(old)).toBe('stale');
    expect(t.announcer.announce(lastBeforeReconnect)).toBe('stale');
    expect(t.announcer.announce(t.call('c3', '1003', 3))).toBe('queued');
    await flush();
    await t.player.finish();
    expect(t.player.started.map(said)).toEqual(['mot-nang nghin khong tram linh ba']);
    // A second replay is as silent as the first.
    expect(t.announcer.announce(old)).toBe('stale');
    expect(t.player.started).toHaveLength(1);
  });

  it('drops a call that got too old while the queue was paused, not while others played', async () => {
    const t = setup({ maxAgeMs: 5000 });
    t.announcer.announce(t.call('c1', '1', 1));
    t.announcer.announce(t.call('c2', '2', 2));
    t.announcer.announce(t.call('c3', '3', 3));
    // Each announcement takes 6 s: c3 waits 12 s behind the others and is still announced.
    t.advance(6000);
    await t.player.finish();
    t.advance(6000);
    await t.player.finish();
    expect(t.player.started.map(said)).toEqual(['mot-nang', 'hai', 'ba']);
    t.advance(6000);
    await t.player.finish();

    t.announcer.pause();
    t.announcer.announce(t.call('c4', '4', 4));
    t.advance(3000);
    t.announcer.announce(t.call('c5', '5', 5));
    expect(t.announcer.pending).toBe(2);
    await flush();
    expect(t.player.started).toHaveLength(3);
    t.advance(3000);
    t.announcer.resume();
    await flush();
    // c4 waited 6 s while paused: too old. c5 waited 3 s: announced.
    expect(t.player.started.map(said).slice(3)).toEqual(['nam']);
    expect(t.announcer.pending).toBe(0);
  });

  it('keeps going after a play that rejects', async () => {
    const t = setup();
    t.announcer.announce(t.call('c1', '1', 1));
    t.announcer.announce(t.call('c2', '2', 2));
    const boom = new Error('speaker unplugged');
    await t.player.fail(boom);
    expect(t.errors).toEqual([boom]);
    expect(t.player.started).toHaveLength(2);
    await t.player.finish();
    await t.announcer.idle();
    expect(t.player.maxActive).toBe(1);
  });

  it('keeps going when the error reporter itself throws', async () => {
    const t = setup({
      onError: () => {
        throw new Error('logger down');
      },
    });
    t.announcer.announce(t.call('c1', '1', 1));
    t.announcer.announce(t.call('c2', '2', 2));
    await t.player.fail(new Error('no sound'));
    expect(t.player.started).toHaveLength(2);
    await t.player.finish();
    await t.announcer.idle();
  });

  it('keeps going after a play that throws synchronously', async () => {
    let n = 0;
    const played: string[][] = [];
    const announcer = createAnnouncer({
      now: () => 0,
      play: (clips) => {
        if (n++ === 0) throw new Error('no audio');
        played.push(clips);
        return Promise.resolve();
      },
    });
    announcer.announce({ key: 'a', label: '1', counterNumber: 1, at: 0 });
    announcer.announce({ key: 'b', label: '2', counterNumber: 1, at: 0 });
    await announcer.idle();
    expect(played.map(said)).toEqual(['hai']);
  });

  it('waits for the playing announcement when paused, and clears the queue', async () => {
    const t = setup();
    t.announcer.announce(t.call('c1', '1', 1));
    t.announcer.announce(t.call('c2', '2', 2));
    t.announcer.pause();
    expect(t.announcer.paused).toBe(true);
    await t.player.finish();
    expect(t.player.started).toHaveLength(1);
    expect(t.announcer.pending).toBe(1);
    await t.announcer.idle();

    t.announcer.clear();
    expect(t.announcer.pending).toBe(0);
    t.announcer.resume();
    await flush();
    expect(t.player.started).toHaveLength(1);
    // A cleared call stays announced: replaying it does nothing.
    expect(t.announcer.announce(t.call('c2', '2', 2))).toBe('duplicate');
  });

  it('uses the configured template, digit reading and repeat count', async () => {
    const t = setup({
      template: 'Mời số {number} đến quầy {counter}',
      digitByDigit: true,
      repeat: 2,
    });
    t.announcer.announce(t.call('c1', 'A12', 3));
    await flush();
    expect(t.player.started[0]).toEqual([
      'chime',
      'moi-so',
      'chu-a',
      'mot-nang',
      'hai',
      'den-quay',
      'ba',
      'pause',
      'moi-so',
      'chu-a',
      'mot-nang',
      'hai',
      'den-quay',
      'ba',
    ]);
  });

  it('fails at creation on a bad template, and at announce on a bad label', () => {
    const play = async () => {};
    expect(() => createAnnouncer({ play, now: () => 0, template: 'Mời quầy {counter}' })).toThrow();
    expect(() => createAnnouncer({ play, now: () => 0, repeat: 5 })).toThrow(RangeError);
    const announcer = createAnnouncer({ play, now: () => 0 });
    expect(() => announcer.announce({ key: 'x', label: '??', counterNumber: 1, at: 0 })).toThrow(
      TypeError,
    );
    expect(announcer.pending).toBe(0);
  });
});
