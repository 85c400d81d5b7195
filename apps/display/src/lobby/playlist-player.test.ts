import { describe, expect, it } from 'vitest';
import type { PlaylistItem } from '@luot/domain';
import {
  currentItem,
  REST_AFTER_FAILURES_MS,
  startPlayer,
  stepPlayer,
  type PlayerEvent,
  type PlayerState,
} from './playlist-player.ts';

const id = (n: number) => n.toString(16).padStart(32, '0');
const picture = (n: number, seconds = 10): PlaylistItem => ({
  mediaId: id(n),
  kind: 'image',
  name: `anh-${n}.png`,
  seconds,
});
const video = (n: number, seconds = 30): PlaylistItem => ({
  mediaId: id(n),
  kind: 'video',
  name: `video-${n}.mp4`,
  seconds,
});

function run(state: PlayerState, ...events: PlayerEvent[]): PlayerState {
  return events.reduce(stepPlayer, state);
}
const shown = (state: PlayerState) => currentItem(state)?.name ?? null;
const elapsed = (ms: number): PlayerEvent => ({ type: 'elapsed', ms });

describe('the lobby content player', () => {
  it('shows each picture its seconds, in order, and loops', () => {
    let s = startPlayer([picture(1, 5), picture(2, 3)]);
    expect(shown(s)).toBe('anh-1.png');
    s = run(s, elapsed(4999));
    expect(shown(s)).toBe('anh-1.png');
    s = run(s, elapsed(1));
    expect(shown(s)).toBe('anh-2.png');
    s = run(s, elapsed(3000));
    expect(shown(s)).toBe('anh-1.png');
  });

  it('plays a video to its end, or cuts it at its seconds', () => {
    let s = startPlayer([video(1, 30), picture(2)]);
    s = run(s, elapsed(12_000), { type: 'ended' });
    expect(shown(s)).toBe('anh-2.png');
    s = run(s, elapsed(10_000));
    expect(shown(s)).toBe('video-1.mp4');
    s = run(s, elapsed(30_000));
    expect(shown(s)).toBe('anh-2.png');
  });

  it('restarts a lone item each time round (a new turn)', () => {
    let s = startPlayer([video(1, 20)]);
    const turn = s.turn;
    s = run(s, { type: 'ended' });
    expect(shown(s)).toBe('video-1.mp4');
    expect(s.turn).toBe(turn + 1);
  });

  it('skips an item that fails and plays the next at once', () => {
    let s = startPlayer([picture(1), video(2), picture(3)]);
    s = run(s, elapsed(10_000), { type: 'failed' });
    expect(shown(s)).toBe('anh-3.png');
    s = run(s, elapsed(10_000));
    expect(shown(s)).toBe('anh-1.png');
  });

  it('shows nothing when every item fails, and tries again after a rest', () => {
    let s = startPlayer([picture(1), video(2)]);
    s = run(s, { type: 'failed' }, { type: 'failed' });
    expect(currentItem(s)).toBeNull();
    s = run(s, elapsed(REST_AFTER_FAILURES_MS - 1));
    expect(currentItem(s)).toBeNull();
    s = run(s, elapsed(1));
    expect(shown(s)).toBe('anh-1.png');
    // One item working again ends the count of failures.
    s = run(s, elapsed(10_000), { type: 'failed' });
    expect(shown(s)).toBe('anh-1.png');
    s = run(s, elapsed(10_000));
    expect(shown(s)).toBe('video-2.mp4');
  });

  it('shows nothing for an empty playlist, whatever happens', () => {
    let s = startPlayer([]);
    s = run(s, elapsed(60_000), { type: 'ended' }, { type: 'failed' }, { type: 'hold' });
    expect(currentItem(s)).toBeNull();
  });

  it('counts no time while a call holds it, and goes on from where it was', () => {
    let s = startPlayer([picture(1, 10), picture(2)]);
    s = run(s, elapsed(6000), { type: 'hold' }, elapsed(60_000));
    expect(shown(s)).toBe('anh-1.png');
    s = run(s, { type: 'release' }, elapsed(3999));
    expect(shown(s)).toBe('anh-1.png');
    s = run(s, elapsed(1));
    expect(shown(s)).toBe('anh-2.png');
  });

  it('keeps a video that ends during a call until the call is over', () => {
    let s = startPlayer([video(1), picture(2)]);
    s = run(s, { type: 'hold' }, { type: 'ended' });
    expect(shown(s)).toBe('video-1.mp4');
    s = run(s, { type: 'release' });
    expect(shown(s)).toBe('anh-2.png');
  });

  it('skips a broken item even during a call', () => {
    let s = startPlayer([video(1), picture(2)]);
    s = run(s, { type: 'hold' }, { type: 'failed' });
    expect(shown(s)).toBe('anh-2.png');
    expect(s.held).toBe(true);
  });

  it('ignores time counted for an item that is no longer on', () => {
    let s = startPlayer([picture(1, 5), picture(2, 5)]);
    const first = s.turn;
    s = run(s, { type: 'failed' });
    s = run(s, { type: 'elapsed', ms: 5000, turn: first });
    expect(shown(s)).toBe('anh-2.png');
  });

  it('keeps the item on screen when a new playlist still has it in place', () => {
    let s = startPlayer([picture(1), picture(2)]);
    s = run(s, elapsed(10_000), elapsed(4000));
    s = run(s, { type: 'playlist', items: [picture(1), picture(2), picture(3)] });
    expect(shown(s)).toBe('anh-2.png');
    expect(s.shownMs).toBe(4000);
    s = run(s, elapsed(6000));
    expect(shown(s)).toBe('anh-3.png');
  });

  it('starts over when the item on screen left the playlist, keeping a call hold', () => {
    let s = startPlayer([picture(1), picture(2)]);
    s = run(s, elapsed(10_000), { type: 'hold' });
    s = run(s, { type: 'playlist', items: [picture(3), picture(4)] });
    expect(shown(s)).toBe('anh-3.png');
    expect(s.held).toBe(true);
    s = run(s, { type: 'playlist', items: [] });
    expect(currentItem(s)).toBeNull();
  });
});
