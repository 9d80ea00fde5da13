/**
 * The bundled action and CLI (scripts/build.mjs) for the suites that run them
 * as child processes. `npm test` builds the bundle once and passes its folder
 * in `PAPERLINT_BUNDLE` (scripts/test.mjs); a suite run alone builds its own
 * into a temporary folder.
 */
import {execFile} from 'node:child_process'
import {mkdtemp, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {promisify} from 'node:util'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

/** A bundle folder (`index.js`, `cli.js`, chunks) and how to let it go. */
export interface Bundle {
  /** The folder holding `index.js` and `cli.js`. */
  directory: string
  /** Remove the folder if this suite built it (the shared one is kept). */
  dispose(): Promise<void>
}

/**
 * The run's shared bundle, or a fresh one built for this suite.
 *
 * @returns The bundle; call `dispose()` in `afterAll`.
 */
export async function loadBundle(): Promise<Bundle> {
  const shared = process.env.PAPERLINT_BUNDLE
  if (shared) return {directory: shared, dispose: async () => {}}
  const directory = await mkdtemp(path.join(tmpdir(), 'paperlint-bundle-'))
  await promisify(execFile)(process.execPath, ['scripts/build.mjs', directory], {cwd: ROOT})
  return {directory, dispose: () => rm(directory, {recursive: true, force: true})}
}
