import { defineConfig } from 'vite';

/** `npm run build:demo`: demo/ → demo/dist/, served by the gateway under /demo/ (gateway/http/serve-demo.ts). */
export default defineConfig({
  root: decodeURIComponent(new URL('.', import.meta.url).pathname),
  base: '/demo/',
  logLevel: 'warn',
  build: { outDir: 'dist', emptyOutDir: true, assetsInlineLimit: 0 },
});
