import { describe, expect, it } from 'vitest';
import { createAnnouncer, type AnnouncedCall } from '@luot/voice';
import { createAnnouncementLog, LOG_LIMIT, serialize } from './announcement-log.ts';

/** A player whose plays end when the test says so. */
function manualPlayer() {
  const plays: { clips: string[]; end: () => void; fail: (e: unknown) => void }[] = [];
  return {
    plays,
    play: (clips: string[]) =>
      new Promise<void>((resolve, reject) => plays.push({ clips, end: resolve, fail: reject })),
  };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

function call(key: string, label: string, counterNumber: number, at = 0): AnnouncedCall {
  return { key, label, counterNumber, at };
}

describe('announcement log', () => {
  it('records each announcement when it starts and when it ends, matched to its call', async () => {
    let now = 100;
    const log = createAnnouncementLog(() => now);
    const player = manualPlayer();
    const play = log.wrap(player.play);
    log.queued(call('seq-7', '1001', 1), ['chime', 'x']);
    const done = play(['chime', 'x']);
    expect(log.records).toEqual([
      {
        key: 'seq-7',
        label: '1001',
        counterNumber: 1,
        recall: false,
        clips: ['chime', 'x'],
        startedAt: 100,
        endedAt: null,
        error: null,
      },
    ]);
    now = 5000;
    player.plays[0]!.end();
    await done;
    expect(log.records[0]!.endedAt).toBe(5000);
  });

  it('records why an announcement failed, and passes the failure on', async () => {
    const log = createAnnouncementLog(() => 0);
    const blocked = Object.assign(new Error('no gesture'), { name: 'NotAllowedError' });
    const play = log.wrap(() => Promise.reject(blocked));
    await expect(play(['chime'])).rejects.toBe(blocked);
    expect(log.records[0]!.error).toBe('NotAllowedError: no gesture');
    expect(log.records[0]!.endedAt).toBe(0);
  });

  it('skips calls the announcer dropped as too old when matching', async () => {
    const log = createAnnouncementLog(() => 0);
    const play = log.wrap(() => Promise.resolve());
    log.queued(call('old', '1001', 1), ['a']);
    log.queued(call('new', '1002', 2), ['b']);
    await play(['b']);
    expect(log.records.map((r) => r.key)).toEqual(['new']);
    await play(['a']);
    expect(log.records.map((r) => r.key)).toEqual(['new', null]);
  });

  it(`keeps the last ${LOG_LIMIT} announcements`, async () => {
    const log = createAnnouncementLog(() => 0);
    const play = log.wrap(() => Promise.resolve());
    for (let i = 0; i < LOG_LIMIT + 7; i++) {
      log.queued(call(`k${i}`, String(1000 + i), 1), [`c${i}`]);
      await play([`c${i}`]);
    }
    expect(log.records).toHaveLength(LOG_LIMIT);
    expect(log.records[0]!.key).toBe('k7');
  });

  it('logs through a real announcer: overlapping calls and a recall, one after another', async () => {
    let now = 0;
    const log = createAnnouncementLog(() => now);
    const player = manualPlayer();
    const announcer = createAnnouncer({ play: serialize(log.wrap(player.play)), now: () => now });
    for (const c of [
      call('s1', '1001', 1),
      call('s2', 'A001', 2),
      { ...call('s3', '1001', 1), recall: true },
    ]) {
      announcer.announce(c);
      log.queued(c, []);
    }
    await flush();
    expect(player.plays).toHaveLength(1);
    for (let i = 0; i < 3; i++) {
      now += 4000;
      player.plays[i]!.end();
      await flush();
    }
    await announcer.idle();
    expect(log.records.map((r) => [r.startedAt, r.endedAt])).toEqual([
      [0, 4000],
      [4000, 8000],
      [8000, 12000],
    ]);
  });
});

describe('serialize', () => {
  it('starts a play only after the previous one settled, even from two announcers', async () => {
    const player = manualPlayer();
    const play = serialize(player.play);
    const first = play(['a']);
    const second = play(['b']);
    await flush();
    expect(player.plays.map((p) => p.clips)).toEqual([['a']]);
    player.plays[0]!.fail(new Error('broken clip'));
    await expect(first).rejects.toThrow('broken clip');
    await flush();
    expect(player.plays.map((p) => p.clips)).toEqual([['a'], ['b']]);
    player.plays[1]!.end();
    await second;
  });
});
