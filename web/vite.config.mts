import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// Built by `npm run build` into dist/web, which the Nest app serves at / (docs/web.md).
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic' } },
  resolve: {
    // react-router's package exports point at its development build (with its warnings); its
    // production build sits beside it.
    alias: {
      'react-router': fileURLToPath(
        new URL('../node_modules/react-router/dist/production/index.mjs', import.meta.url),
      ),
    },
  },
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2022',
    // The preload polyfill would be inline script, which the Content-Security-Policy refuses.
    modulePreload: { polyfill: false },
    // Every asset a file of its own (no data: URIs inlined into CSS or JS).
    assetsInlineLimit: 0,
    sourcemap: false,
    reportCompressedSize: false,
    rolldownOptions: {
      // react-router marks its modules "use client" for server components, which a browser build ignores.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
