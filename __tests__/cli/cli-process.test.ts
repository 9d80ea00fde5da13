/**
 * The bundled CLI as a process: what only a real process shows (a reader
 * that goes away, standard input through a pipe).
 */
import {spawn} from 'node:child_process'
import {mkdtemp, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {loadBundle, type Bundle} from '../helpers/bundle.js'

let built: Bundle | undefined
let bundle: string
let cwd: string

beforeAll(async () => {
  built = await loadBundle()
  bundle = built.directory
  cwd = await mkdtemp(path.join(tmpdir(), 'paperlint-cli-process-'))
  // Enough findings to fill a pipe buffer (64 KiB on Linux) several times
  // over: about 240 KB in the shortest format, compact
  const items = Array.from({length: 2000}, (_, index) => `- [p${index}](#missing-anchor-${index})`)
  await writeFile(path.join(cwd, 'README.md'), `# A\n\n${items.join('\n')}\n`)
}, 120_000)

afterAll(async () => {
  await built?.dispose()
  await rm(cwd, {recursive: true, force: true})
})

interface Exit {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

/** Run the CLI; `lines` closes its stdout after that many lines, as `| head` does. */
function run(args: string[], options: {lines?: number; input?: string} = {}): Promise<Exit> {
  const child = spawn(process.execPath, [path.join(bundle, 'cli.js'), ...args], {
    cwd,
    env: {PATH: process.env.PATH ?? '', XDG_CACHE_HOME: path.join(cwd, '.cache-home')}
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8')
    if (options.lines !== undefined && stdout.split('\n').length > options.lines) child.stdout.destroy()
  })
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8')
  })
  child.stdin.end(options.input ?? '')
  return new Promise((resolve) => {
    child.on('close', (code, signal) => resolve({code, signal, stdout, stderr}))
  })
}

describe('paperlint as a process', () => {
  test.each([['compact'], ['text'], ['json']])(
    'should end quietly when the reader goes away (| head), format %s',
    async (format) => {
      const exit = await run(['--offline', '--format', format], {lines: 2})
      expect(exit.stderr).toBe('')
      expect(exit.signal).toBeNull()
      expect([0, 1]).toContain(exit.code)
    },
    30_000
  )

  test('should read standard input for -', async () => {
    const exit = await run(['--offline', '--format', 'compact', '-'], {input: '# A\n\n[x](#nope)\n'})
    expect(exit).toEqual({
      code: 1,
      signal: null,
      stdout:
        '<stdin>:3:5: error anchor-missing Unexpected link to `#nope`: no heading or anchor in this file has it\n',
      stderr: ''
    })
  }, 30_000)
})
