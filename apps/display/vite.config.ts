import react from '@vitejs/plugin-react';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

/** The voice clips (assets/voice/vi), a centre's own recordings included. */
const VOICE_DIR = fileURLToPath(new URL('../../assets/voice/vi', import.meta.url));
/** Where the page finds them, under the app's base: /display/voice/vi/<name>.opus. */
const VOICE_PATH = 'voice/vi';

/**
 * Ships the voice clips with the display app, so a speaking board needs nothing but the hub:
 * copies every .opus file into the build and serves the folder in development.
 */
function voiceClips(): Plugin {
  const clips = () => readdirSync(VOICE_DIR).filter((f) => f.endsWith('.opus'));
  return {
    name: 'luot-voice-clips',
    generateBundle() {
      for (const file of clips())
        this.emitFile({
          type: 'asset',
          fileName: `${VOICE_PATH}/${file}`,
          source: readFileSync(join(VOICE_DIR, file)),
        });
    },
    configureServer(server) {
      server.middlewares.use(`/display/${VOICE_PATH}/`, (req, res, next) => {
        const file = decodeURIComponent((req.url ?? '').split('?')[0]!.replace(/^\//, ''));
        if (!clips().includes(file)) return next();
        res.setHeader('content-type', 'audio/ogg');
        res.end(readFileSync(join(VOICE_DIR, file)));
      });
    },
  };
}

/** The service worker's entry (src/sw/sw.ts), built to `/display/sw.js` beside index.html. */
const SW_ENTRY = 'sw';

/**
 * Writes the list of the build's files (the shell the worker keeps) and a hash of their
 * contents into the service worker, so every new build is a new worker that replaces the old
 * cache. A hand-written worker rather than vite-plugin-pwa: see README.md.
 */
function serviceWorkerFiles(): Plugin {
  return {
    name: 'luot-service-worker-files',
    apply: 'build',
    // After Vite's own plugins, so index.html is in the bundle.
    enforce: 'post',
    generateBundle(_options, bundle) {
      const worker = bundle[`${SW_ENTRY}.js`];
      if (!worker || worker.type !== 'chunk') throw new Error('service worker entry missing');
      // sw.js is registered as a classic script: a chunk shared with the app would break it.
      if (worker.imports.length > 0)
        throw new Error(`service worker imports ${worker.imports.join(', ')}: keep it standalone`);
      const files = Object.keys(bundle)
        .filter((name) => name !== worker.fileName && !name.endsWith('.map'))
        .sort();
      if (!files.includes('index.html')) throw new Error('index.html missing from the shell');
      const hash = createHash('sha256');
      for (const name of files) {
        const item = bundle[name]!;
        hash.update(name).update(item.type === 'chunk' ? item.code : item.source);
      }
      const version = hash.digest('hex').slice(0, 16);
      // The minifier may requote the placeholders: match either quote.
      const placeholders = [/(["'`])__LUOT_SW_VERSION__\1/, /\[\s*(["'`])__LUOT_SW_FILES__\1\s*\]/];
      for (const p of placeholders)
        if (!p.test(worker.code)) throw new Error(`service worker lacks ${p.source}`);
      worker.code = worker.code
        .replace(placeholders[0]!, () => JSON.stringify(version))
        .replace(placeholders[1]!, () => JSON.stringify(files));
    },
  };
}

// Served by the hub under /display/ (see apps/hub/src/static-apps.ts); works with no internet.
export default defineConfig({
  base: '/display/',
  plugins: [react(), voiceClips(), serviceWorkerFiles()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rollupOptions: {
      input: {
        index: fileURLToPath(new URL('index.html', import.meta.url)),
        [SW_ENTRY]: fileURLToPath(new URL('src/sw/sw.ts', import.meta.url)),
      },
      output: {
        entryFileNames: (chunk) =>
          chunk.name === SW_ENTRY ? `${SW_ENTRY}.js` : 'assets/[name]-[hash].js',
      },
    },
  },
  server: {
    proxy: {
      '/socket.io': { target: 'http://127.0.0.1:8080', ws: true },
      '/api': 'http://127.0.0.1:8080',
    },
  },
});
