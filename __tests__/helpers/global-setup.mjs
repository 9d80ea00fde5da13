// Vitest global setup: starts the one extraction of the shared corpus of this
// run in a background process (see corpus.ts), when the run includes a suite
// that reads the extracted corpus and the cache is not written yet. Returns
// once the process holds the cache's lock, so no suite extracts again, and
// a teardown that stops the extraction if the run ends before it.
import {spawn} from 'node:child_process'
import {existsSync, readdirSync, readFileSync} from 'node:fs'
import {mkdtemp, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {build} from 'esbuild'

/** Test files that call corpusDocuments(). */
function corpusSuites(directory) {
  return readdirSync(directory, {recursive: true})
    .filter((name) => name.endsWith('.test.ts'))
    .map((name) => path.join(directory, name))
    .filter((file) => readFileSync(file, 'utf8').includes('corpusDocuments('))
}

export default async function globalSetup(project) {
  const corpus = process.env.PAPERLINT_CORPUS ?? path.resolve(process.cwd(), '../shared/corpus')
  if (corpus === '' || !existsSync(corpus)) return
  const root = project.config.root
  // File filters on the command line match a part of the path, as Vitest's
  const filters = project.vitest.config.filters ?? []
  const suites = corpusSuites(path.join(root, '__tests__'))
  if (filters.length > 0 && !suites.some((file) => filters.some((filter) => file.includes(filter)))) return

  const directory = await mkdtemp(path.join(tmpdir(), 'paperlint-corpus-worker-'))
  const worker = path.join(directory, 'corpus-worker.mjs')
  await build({
    entryPoints: [path.join(root, '__tests__/helpers/corpus-worker.ts')],
    outfile: worker,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    banner: {js: "import {createRequire as __cr} from 'node:module';const require = __cr(import.meta.url);"}
  })
  const child = spawn(process.execPath, [worker], {cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit']})
  const first = await new Promise((resolve) => {
    let output = ''
    child.stdout.on('data', (chunk) => {
      output += chunk
      if (output.includes('\n')) resolve(output.trim())
    })
    child.once('exit', () => resolve(output.trim()))
  })
  child.stdout.destroy()
  child.unref()
  // Loaded by now: the bundle is not needed any more
  await rm(directory, {recursive: true, force: true})
  if (first !== 'locked') return
  return async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill()
    await exited
  }
}
