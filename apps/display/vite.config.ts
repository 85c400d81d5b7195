import react from '@vitejs/plugin-react';
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

// Served by the hub under /display/ (see apps/hub/src/static-apps.ts); works with no internet.
export default defineConfig({
  base: '/display/',
  plugins: [react(), voiceClips()],
  build: { outDir: 'dist', emptyOutDir: true },
  server: {
    proxy: {
      '/socket.io': { target: 'http://127.0.0.1:8080', ws: true },
      '/api': 'http://127.0.0.1:8080',
    },
  },
});
