/// <reference types="node" />
// Tests run in Node; eslint.config.js keeps Node APIs out of the rest of src/.
import { describe, expect, it } from 'vitest';
import { ClipPlaybackError, createAudioElementPlayer } from './audio-element-player.ts';
import type { AudioLike, Timers } from './audio-element-player.ts';

type Behaviour = 'ends' | 'error-event' | 'rejects' | 'blocked' | 'hangs';

/** Fake audio elements that end, fail or hang as the test decides by file name. */
function fakeAudio(behaviourOf: (src: string) => Behaviour) {
  const log: string[] = [];
  let playing = 0;
  let maxPlaying = 0;
  const createAudio = (): AudioLike => {
    const listeners = new Map<string, Set<() => void>>();
    const emit = (type: string) => {
      for (const l of [...(listeners.get(type) ?? [])]) l();
    };
    const audio: AudioLike = {
      src: '',
      preload: '',
      play() {
        log.push(`play ${audio.src}`);
        playing++;
        maxPlaying = Math.max(maxPlaying, playing);
        const behaviour = behaviourOf(audio.src);
        if (behaviour === 'blocked') {
          playing--;
          return Promise.reject(Object.assign(new Error('blocked'), { name: 'NotAllowedError' }));
        }
        if (behaviour === 'rejects') {
          playing--;
          return Promise.reject(new Error('NotSupportedError'));
        }
        setTimeout(() => {
          if (behaviour === 'hangs') return;
          playing--;
          emit(behaviour === 'ends' ? 'ended' : 'error');
        }, 1);
        return Promise.resolve();
      },
      pause() {
        log.push(`pause ${audio.src}`);
      },
      addEventListener(type, listener) {
        if (!listeners.has(type)) listeners.set(type, new Set());
        listeners.get(type)?.add(listener);
      },
      removeEventListener(type, listener) {
        listeners.get(type)?.delete(listener);
      },
    };
    return audio;
  };
  return {
    createAudio,
    log,
    get maxPlaying() {
      return maxPlaying;
    },
  };
}

/** Timers whose timeouts fire only when the test calls fire(). */
function manualTimers() {
  const callbacks = new Map<number, () => void>();
  let next = 0;
  const timers: Timers = {
    setTimeout(callback) {
      callbacks.set(++next, callback);
      return next;
    },
    clearTimeout(handle) {
      callbacks.delete(handle as number);
    },
  };
  return {
    timers,
    fireAll() {
      for (const [id, cb] of [...callbacks]) {
        callbacks.delete(id);
        cb();
      }
    },
    get armed() {
      return callbacks.size;
    },
  };
}

describe('createAudioElementPlayer', () => {
  it('plays clips one after another from the base URL', async () => {
    const audio = fakeAudio(() => 'ends');
    const t = manualTimers();
    const play = createAudioElementPlayer({
      baseUrl: '/assets/voice/vi/',
      createAudio: audio.createAudio,
      timers: t.timers,
    });
    await play(['chime', 'mot-nang', 'hai']);
    expect(audio.log).toEqual([
      'play /assets/voice/vi/chime.opus',
      'play /assets/voice/vi/mot-nang.opus',
      'play /assets/voice/vi/hai.opus',
    ]);
    expect(audio.maxPlaying).toBe(1);
    expect(t.armed).toBe(0);
  });

  it('skips a clip that fails, plays the rest, then rejects naming it', async () => {
    const audio = fakeAudio((src) =>
      src.includes('missing') ? 'error-event' : src.includes('bad') ? 'rejects' : 'ends',
    );
    const play = createAudioElementPlayer({
      baseUrl: '/v',
      ext: 'ogg',
      createAudio: audio.createAudio,
      timers: manualTimers().timers,
    });
    const result = play(['chime', 'missing', 'hai', 'bad', 'ba']);
    await expect(result).rejects.toBeInstanceOf(ClipPlaybackError);
    await expect(result).rejects.toMatchObject({ failedClips: ['missing', 'bad'] });
    expect(audio.log.filter((l) => l.startsWith('play'))).toHaveLength(5);
    expect(audio.log).toContain('play /v/ba.ogg');
  });

  it('rejects at once when the browser blocks autoplay', async () => {
    const audio = fakeAudio(() => 'blocked');
    const play = createAudioElementPlayer({
      baseUrl: '/v',
      createAudio: audio.createAudio,
      timers: manualTimers().timers,
    });
    await expect(play(['chime', 'hai'])).rejects.toMatchObject({ name: 'NotAllowedError' });
    expect(audio.log.filter((l) => l.startsWith('play'))).toEqual(['play /v/chime.opus']);
  });

  it('abandons a clip that never ends', async () => {
    const audio = fakeAudio((src) => (src.includes('stuck') ? 'hangs' : 'ends'));
    const t = manualTimers();
    const play = createAudioElementPlayer({
      baseUrl: '/v',
      createAudio: audio.createAudio,
      timers: t.timers,
    });
    const result = play(['stuck', 'hai']);
    await new Promise((r) => setTimeout(r, 5));
    expect(t.armed).toBe(1);
    t.fireAll();
    await expect(result).rejects.toMatchObject({ failedClips: ['stuck'] });
    expect(audio.log).toEqual(['play /v/stuck.opus', 'pause /v/stuck.opus', 'play /v/hai.opus']);
  });

  it('needs createAudio where there is no Audio element', async () => {
    const play = createAudioElementPlayer({ baseUrl: '/v' });
    await expect(play(['chime'])).rejects.toThrow(/createAudio/);
  });
});
