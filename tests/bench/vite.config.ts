/** The benchmark page: the app's own modules next to bare-stack baselines, same origin as the app. */
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

export default defineConfig({
  root: resolve(import.meta.dirname, 'page'),
  base: './',
  logLevel: 'warn',
  build: {
    outDir: resolve(import.meta.dirname, '../../out/bench'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 8000,
    // A profiled run (BENCH_PROFILE=1) keeps the names, so the profile reads as the source does.
    minify: process.env.BENCH_PROFILE !== '1',
    rollupOptions: {
      input: {
        index: resolve(import.meta.dirname, 'page/index.html'),
        bare: resolve(import.meta.dirname, 'page/bare.html'),
      },
    },
  },
  worker: { format: 'es' },
});
