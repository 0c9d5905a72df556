import { defineConfig } from 'vitest/config';
import { idlErrors } from './vite.config';

export default defineConfig({
  test: {
    projects: [
      {
        plugins: [idlErrors()],
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/unit/**'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
