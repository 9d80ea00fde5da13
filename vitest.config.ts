/**
 * Vitest: Vite's TypeScript transform (type checking is `tsc --noEmit`),
 * Jest's API as globals (`describe`, `test`, `expect`).
 *
 * Test files share their worker's module cache (`isolate: false`): a suite
 * imports remark, undici, ajv and the rules once per worker, not once per
 * file. Suites may not rely on fresh module state; `npm run test:isolated`
 * runs each file in a fresh module cache to check that they do not.
 */
import {availableParallelism} from 'node:os'
import {defineConfig} from 'vitest/config'

export default defineConfig({
  test: {
    globals: true,
    include: ['__tests__/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Child processes: parse-limits needs the main thread's stack size
    pool: 'forks',
    isolate: process.env.PAPERLINT_ISOLATE === '1',
    // One worker more than cores: suites wait on timeouts, spacing and
    // child processes, and a third worker fills that time (on 2 cores,
    // npm test took 35 s with 2 workers, 30 s with 3; with the corpus 56 s
    // and 44 s)
    maxWorkers: availableParallelism() + 1,
    // The shared corpus is extracted once per run, in the background
    // (__tests__/helpers/corpus.ts)
    globalSetup: ['__tests__/helpers/global-setup.mjs']
  }
})
