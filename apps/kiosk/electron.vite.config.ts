import react from '@vitejs/plugin-react';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';

/** The voice clips of assets/voice/<language>, a centre's own recordings included. */
const VOICE_ROOT = fileURLToPath(new URL('../../assets/voice', import.meta.url));

/**
 * Ships the spoken guidance's clips with the renderer as `voice/vi/*.opus` and `voice/en/*.opus`
 * beside index.html, so the kiosk finds them by a relative URL from file:// (Electron) and from
 * the hub's `/kiosk/` alike, with no network of its own. The Vietnamese folder also holds the
 * announcements' clips: the number words the guidance reads a ticket with are among them.
 */
function voiceClips(): Plugin {
  return {
    name: 'luot-kiosk-voice-clips',
    // In development (electron-vite dev) the same paths, from the folder.
    configureServer(server) {
      server.middlewares.use('/voice/', (req, res, next) => {
        const [language, file] = decodeURIComponent((req.url ?? '').split('?')[0]!)
          .replace(/^\//, '')
          .split('/');
        if (!['vi', 'en'].includes(language ?? '') || !/^[a-z0-9-]+\.opus$/.test(file ?? ''))
          return next();
        try {
          const clip = readFileSync(join(VOICE_ROOT, language!, file!));
          res.setHeader('content-type', 'audio/ogg');
          res.end(clip);
        } catch {
          next();
        }
      });
    },
    generateBundle() {
      for (const language of ['vi', 'en'])
        for (const file of readdirSync(join(VOICE_ROOT, language)).filter((f) =>
          f.endsWith('.opus'),
        ))
          this.emitFile({
            type: 'asset',
            fileName: `voice/${language}/${file}`,
            source: readFileSync(join(VOICE_ROOT, language, file)),
          });
    },
  };
}

// The workspace packages export TypeScript source, so they are bundled; only the native canvas
// binding and the font files (read from disk at run time) stay in node_modules.
const bundled = ['@luot/printing', '@luot/domain', '@luot/protocol', 'zod'];

export default defineConfig({
  main: {
    build: {
      externalizeDeps: { exclude: bundled },
      rollupOptions: { input: { index: 'src/main/index.ts' } },
    },
  },
  preload: {
    // A sandboxed preload must be one CommonJS file.
    build: {
      externalizeDeps: false,
      rollupOptions: {
        input: { index: 'src/preload/index.ts' },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    // Relative asset paths: the same build loads from file:// in Electron and from the hub at /kiosk/.
    base: './',
    root: 'src/renderer',
    plugins: [react(), voiceClips()],
    build: {
      outDir: 'out/renderer',
      emptyOutDir: true,
      rollupOptions: { input: 'src/renderer/index.html' },
    },
  },
});
