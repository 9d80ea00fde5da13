/**
 * The bundled action and CLI (scripts/build.mjs) for the suites that run them
 * as child processes. `npm test` builds the bundle once and passes its folder
 * in `PAPERLINT_BUNDLE` (scripts/test.mjs); a suite run alone builds its own
 * into a temporary folder.
 */
import {execFile} from 'node:child_process'
import {mkdtemp, rm, writeFile} from 'node:fs/promises'
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
  // <temporary>/dist beside a package.json, as in the package (see scripts/test.mjs)
  const folder = await mkdtemp(path.join(tmpdir(), 'paperlint-bundle-'))
  await writeFile(path.join(folder, 'package.json'), '{"type": "module"}\n')
  const directory = path.join(folder, 'dist')
  await promisify(execFile)(process.execPath, ['scripts/build.mjs', directory], {cwd: ROOT})
  return {directory, dispose: () => rm(folder, {recursive: true, force: true})}
}
