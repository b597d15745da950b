import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/{shared,renderer,main}/**/*.test.{ts,tsx}'],
    environment: 'node',
    testTimeout: 20_000,
    // The electron mock must reach electron-store's own `import electron`.
    server: { deps: { inline: ['electron-store'] } },
  },
});
