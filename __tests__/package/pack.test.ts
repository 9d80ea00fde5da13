/**
 * The npm package: `npm pack`, then `npm install --offline` of the tarball in
 * an empty folder outside the repository, then `npx paperlint`. The CLI bundle
 * must run without any dependency (they are all bundled), so the install adds
 * exactly one package and needs no registry; the action bundle stays out.
 */
import {execFile} from 'node:child_process'
import {existsSync} from 'node:fs'
import {mkdir, mkdtemp, readFile, readdir, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {promisify} from 'node:util'
import {build} from 'esbuild'

const run = promisify(execFile)
const REPO = fileURLToPath(new URL('../..', import.meta.url))

interface PackedFile {
  path: string
}

interface Pack {
  filename: string
  name: string
  version: string
  files: PackedFile[]
}

/** Environment of the npm child processes: offline, a private cache, no NODE_OPTIONS of the test runner. */
function npmEnv(cache: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^npm_/i.test(key) && key !== 'NODE_OPTIONS') env[key] = value
  }
  return {
    ...env,
    npm_config_cache: cache,
    npm_config_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    npm_config_loglevel: 'error'
  }
}

/**
 * Every file an entry imports, transitively, found by esbuild's resolver
 * (Node built-ins aside); an import nothing in the folder satisfies fails.
 *
 * @param root the folder of the installed app
 * @param entry path of the entry, relative to root
 * @returns paths relative to root, the entry included
 */
async function closureOf(root: string, entry: string): Promise<string[]> {
  const result = await build({
    absWorkingDir: root,
    entryPoints: [entry],
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'esm',
    logLevel: 'silent'
  })
  return Object.keys(result.metafile.inputs).sort()
}

describe('npm package', () => {
  let work: string
  let pack: Pack
  let app: string
  let env: NodeJS.ProcessEnv

  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'paperlint-pack-'))
    env = npmEnv(path.join(work, 'npm-cache'))
    const {stdout} = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], {
      cwd: REPO,
      env
    })
    pack = (JSON.parse(stdout) as Pack[])[0]
    app = path.join(work, 'app')
    await mkdir(app)
    await run('npm', ['install', '--offline', path.join(work, pack.filename)], {cwd: app, env})
  }, 120000)

  afterAll(async () => {
    if (work) await rm(work, {recursive: true, force: true})
  })

  test('should run outside any node_modules folder of the repository or its parents', () => {
    // Otherwise a bare import the bundle forgot could resolve from there
    for (let folder = work; ; folder = path.dirname(folder)) {
      expect(existsSync(path.join(folder, 'node_modules'))).toBe(false)
      if (path.dirname(folder) === folder) break
    }
  })

  test('should ship the CLI bundle, its chunks and license notices, the config schema, README and LICENSE, not the action', async () => {
    const files = pack.files.map((file) => file.path).sort()
    expect(files).toContain('dist/cli.js')
    // The notices of the bundled packages (MIT and others ask to keep them with the code)
    expect(files).toContain('dist/cli.js.LICENSES.txt')
    expect(files).toContain('LICENSE')
    expect(files).toContain('README.md')
    expect(files).toContain('package.json')
    // For editors: `$schema: ./node_modules/paperlint/schema/paperlint.schema.json`
    expect(files).toContain('schema/paperlint.schema.json')
    expect(files).not.toContain('dist/index.js')
    expect(files).not.toContain('action.yml')
    // The action's lazily loaded cache client (1.4 MB) is not the CLI's
    expect(files.filter((file) => file.startsWith('dist/chunks/cache-'))).toEqual([])
    expect(
      files.filter(
        (file) => !/^(dist\/|schema\/paperlint\.schema\.json$|LICENSE$|README\.md$|package\.json$)/.test(file)
      )
    ).toEqual([])

    const prefix = 'node_modules/paperlint/'
    const closure = await closureOf(app, `${prefix}dist/cli.js`)
    expect(closure.length).toBeGreaterThan(1)
    for (const file of closure) {
      expect(file.startsWith(prefix)).toBe(true)
      expect(files).toContain(file.slice(prefix.length))
    }
  })

  test('should install exactly one package, offline, from the tarball', async () => {
    const lock = JSON.parse(await readFile(path.join(app, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, unknown>
    }
    expect(Object.keys(lock.packages).filter((key) => key !== '')).toEqual(['node_modules/paperlint'])
    const installed = (await readdir(path.join(app, 'node_modules'))).filter((name) => !name.startsWith('.'))
    expect(installed).toEqual(['paperlint'])
    const manifest = JSON.parse(
      await readFile(path.join(app, 'node_modules', 'paperlint', 'package.json'), 'utf8')
    ) as {dependencies?: Record<string, string>}
    expect(manifest.dependencies ?? {}).toEqual({})
  })

  test('should answer `npx paperlint --help` and `--version`', async () => {
    const help = await run('npx', ['--offline', 'paperlint', '--help'], {cwd: app, env})
    expect(help.stdout).toMatch(/^paperlint \[options\]/)
    // npx runs the bin link npm installed; the other runs call that link directly (npx takes seconds)
    const version = await run(path.join(app, 'node_modules', '.bin', 'paperlint'), ['--version'], {cwd: app, env})
    expect(version.stdout.trim()).toBe(pack.version)
  })

  test('should lint a list with the installed bundle alone', async () => {
    await writeFile(path.join(app, 'list.md'), '# List\n\n- [A](https://arxiv.org/abs/2305.0978)\n- [B](#nowhere)\n')
    const bin = path.join(app, 'node_modules', '.bin', 'paperlint')
    const lint = await run(bin, ['--offline', '--no-cache', '--format', 'json', 'list.md'], {cwd: app, env}).then(
      () => {
        throw new Error('expected exit code 1')
      },
      (error: {code: number; stdout: string}) => error
    )
    expect(lint.code).toBe(1)
    const report = JSON.parse(lint.stdout) as {findings: Array<{line: number; rule: string}>}
    expect(report.findings.map((finding) => `${finding.line} ${finding.rule}`)).toEqual([
      '3 arxiv-id-malformed',
      '4 anchor-missing'
    ])
  })
})
