// Import TypeScript modules of the project from a script: esbuild bundles a
// small entry (its `contents`, resolved from the repository root) into a
// temporary folder, the module is imported, and the folder removed.
import {build} from 'esbuild'
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'

/**
 * Bundle and import an entry written in TypeScript.
 *
 * @param {string} contents the entry's source, e.g. `export {RULES} from './src/check/index.ts'`
 * @returns {Promise<Record<string, any>>} the entry's exports
 */
export async function importTs(contents) {
  const folder = mkdtempSync(path.join(tmpdir(), 'paperlint-script-'))
  try {
    const outfile = path.join(folder, 'entry.mjs')
    await build({
      stdin: {contents, resolveDir: process.cwd(), loader: 'ts'},
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      logLevel: 'error',
      // CommonJS dependencies call require() for Node built-ins
      banner: {js: "import {createRequire as __cr} from 'node:module';const require = __cr(import.meta.url);"}
    })
    return await import(outfile)
  } finally {
    rmSync(folder, {recursive: true, force: true})
  }
}
