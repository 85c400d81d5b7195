import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Served by the hub under /display/ (see apps/hub/src/static-apps.ts); works with no internet.
export default defineConfig({
  base: '/display/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true },
  server: {
    proxy: {
      '/socket.io': { target: 'http://127.0.0.1:8080', ws: true },
      '/api': 'http://127.0.0.1:8080',
    },
  },
});
