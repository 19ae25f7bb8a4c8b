import { defineConfig } from 'vitest/config';
import base from '../../vitest.config.ts';

// npm run test:soak: the long runs, kept out of `npm test` (whose include does not match *.soak.ts).
// Not mergeConfig: it would append to the base include list instead of replacing it.
export default defineConfig({ ...base, test: { ...base.test, include: ['test/reliability/**/*.soak.ts'] } });
