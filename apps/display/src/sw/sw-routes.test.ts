import { describe, expect, it } from 'vitest';
import { precachePaths, swRoute } from './sw-routes.ts';

const SCOPE = 'http://192.168.1.10:8080/display/';
const shell = new Set(
  precachePaths(['index.html', 'assets/index-abc.js', 'voice/vi/chime.opus'], SCOPE),
);
const get = (path: string, mode = 'no-cors', method = 'GET') =>
  swRoute({ url: `http://192.168.1.10:8080${path}`, method, mode }, SCOPE, shell);

describe('what the display service worker answers', () => {
  it('keeps the build files of the app under its scope', () => {
    expect([...shell]).toEqual([
      '/display/index.html',
      '/display/assets/index-abc.js',
      '/display/voice/vi/chime.opus',
    ]);
    expect(get('/display/assets/index-abc.js')).toBe('shell');
    expect(get('/display/voice/vi/chime.opus')).toBe('shell');
  });

  it('answers a screen navigation from the network first, the kept shell when the hub is out', () => {
    expect(get('/display/lobby?fields=ho-tich', 'navigate')).toBe('page');
    expect(get('/display/', 'navigate')).toBe('page');
  });

  it('answers the lobby media files from its own cache first', () => {
    const media = `/media/${'0123456789abcdef'.repeat(2)}`;
    expect(get(media)).toBe('media');
    expect(get(media, 'cors')).toBe('media');
    expect(get(media, 'navigate')).toBe('pass');
    expect(get(media, 'no-cors', 'POST')).toBe('pass');
    expect(get('/media/not-an-id')).toBe('pass');
    expect(get('/api/admin/media', 'cors')).toBe('pass');
  });

  it('never touches data, sockets, phone pages, other apps or files it did not build', () => {
    expect(get('/api/admin/config', 'cors')).toBe('pass');
    expect(get('/socket.io/?EIO=4&transport=polling', 'cors')).toBe('pass');
    expect(get('/t/abc123', 'navigate')).toBe('pass');
    expect(get('/admin/', 'navigate')).toBe('pass');
    expect(get('/healthz', 'cors')).toBe('pass');
    expect(get('/display/assets/index-old.js')).toBe('pass');
    expect(get('/display/assets/index-abc.js', 'cors', 'POST')).toBe('pass');
    expect(
      swRoute(
        { url: 'http://other:8080/display/assets/index-abc.js', method: 'GET', mode: 'cors' },
        SCOPE,
        shell,
      ),
    ).toBe('pass');
  });
});
