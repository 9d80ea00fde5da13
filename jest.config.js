/** Jest in ESM mode with ts-jest (transpile only; `tsc --noEmit` type-checks). */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  moduleNameMapper: {'^(\\.{1,2}/.*)\\.js$': '$1'},
  transform: {
    '^.+\\.ts$': ['ts-jest', {useESM: true}]
  },
  testTimeout: 30000,
  // The shared corpus is extracted once per run, in the background
  // (__tests__/helpers/corpus.ts)
  globalSetup: '<rootDir>/__tests__/helpers/global-setup.mjs',
  globalTeardown: '<rootDir>/__tests__/helpers/global-teardown.mjs',
  // One worker per core (jest's default leaves one idle: on a 2-core runner
  // the suite would run serially, 2.5 minutes instead of 1.5)
  maxWorkers: '100%'
}
