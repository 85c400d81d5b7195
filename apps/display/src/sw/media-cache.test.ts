import { describe, expect, it } from 'vitest';
import {
  byteRange,
  isMediaPath,
  mediaCachePlan,
  mediaSyncMessage,
  readMediaSync,
} from './media-cache.ts';

const A = `/media/${'a'.repeat(32)}`;
const B = `/media/${'b'.repeat(32)}`;
const C = `/media/${'c'.repeat(32)}`;

describe('the board media cache', () => {
  it('knows a media path by its 32 hex digits', () => {
    expect(isMediaPath(A)).toBe(true);
    expect(isMediaPath('/media/abc')).toBe(false);
    expect(isMediaPath(`/display/media/${'a'.repeat(32)}`)).toBe(false);
    expect(isMediaPath(`${A}/x`)).toBe(false);
  });

  it('builds and reads the sync message, refusing anything else', () => {
    const message = mediaSyncMessage([A, B, A, '/api/state']);
    expect(message).toEqual({ type: 'luot:media-sync', paths: [A, B] });
    expect(readMediaSync(structuredClone(message))).toEqual(message);
    expect(readMediaSync({ type: 'luot:media-sync', paths: ['/api/admin/media'] })).toBeNull();
    expect(readMediaSync({ type: 'other', paths: [] })).toBeNull();
    expect(readMediaSync('luot:media-sync')).toBeNull();
    expect(readMediaSync(null)).toBeNull();
  });

  it('fetches what the playlist adds and drops what it no longer lists', () => {
    expect(mediaCachePlan([A, B], [B, C])).toEqual({ fetch: [A], drop: [C] });
    expect(mediaCachePlan([], [A])).toEqual({ fetch: [], drop: [A] });
    expect(mediaCachePlan([A], [A])).toEqual({ fetch: [], drop: [] });
  });

  it('reads the byte ranges a video element asks for', () => {
    expect(byteRange(null, 1000)).toBeNull();
    expect(byteRange('bytes=0-', 1000)).toEqual({ start: 0, end: 999 });
    expect(byteRange('bytes=100-199', 1000)).toEqual({ start: 100, end: 199 });
    expect(byteRange('bytes=900-5000', 1000)).toEqual({ start: 900, end: 999 });
    expect(byteRange('bytes=-100', 1000)).toEqual({ start: 900, end: 999 });
    expect(byteRange('bytes=1000-', 1000)).toBe('unsatisfiable');
    expect(byteRange('bytes=-0', 1000)).toBe('unsatisfiable');
    // Several ranges, or nonsense: the whole file.
    expect(byteRange('bytes=0-1,5-6', 1000)).toBeNull();
    expect(byteRange('items=0-1', 1000)).toBeNull();
    expect(byteRange('bytes=50-10', 1000)).toBeNull();
  });
});
