import { defineConfig } from 'vitest/config';

// Benchmarks that need the TypeScript stand-ins run through Vitest; they print figures
// and are not part of `npm test`.
export default defineConfig({
  test: { include: ['bench/**/*.bench.ts'], testTimeout: 600_000, fileParallelism: false },
});
