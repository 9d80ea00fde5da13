/**
 * paperlint's version: injected by the bundler from package.json
 * (`scripts/build.mjs`); `0.0.0-dev` when running from source (tests).
 */
declare const PAPERLINT_VERSION: string | undefined

export const VERSION: string = typeof PAPERLINT_VERSION === 'string' ? PAPERLINT_VERSION : '0.0.0-dev'
