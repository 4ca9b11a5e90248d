import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The web UI's build: `npm run build:web` writes web/dist, which the platform server
 * serves at / (src/http/web-static.ts). In development, `npx vite web` proxies /api to
 * the server named by MESINFOS_API (default http://127.0.0.1:8080).
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The server's CSP allows no inline script: keep every script in a file.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 2048,
  },
  server: { proxy: { '/api': process.env.MESINFOS_API ?? 'http://127.0.0.1:8080' } },
});
