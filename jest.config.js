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
  // One worker per core (jest's default leaves one idle: on a 2-core runner
  // the suite would run serially, 2.5 minutes instead of 1.5)
  maxWorkers: '100%'
}
