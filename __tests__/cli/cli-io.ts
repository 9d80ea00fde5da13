/** Run the CLI in-process with collecting streams, in a temporary folder. */
import {mkdtemp, mkdir, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {Readable, Writable} from 'node:stream'
import {main} from '../../src/cli.js'

export interface CliRun {
  code: number
  stdout: string
  stderr: string
}

class Collect extends Writable {
  text = ''
  isTTY = false
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString('utf8')
    done()
  }
}

/** A user cache folder per working directory: runs never touch the real one, nor share results. */
const cacheHomes = new Map<string, string>()

/**
 * The `XDG_CACHE_HOME` runCli gives a working directory.
 *
 * @param cwd working directory
 * @returns an absolute path (created on first use)
 */
export async function cacheHomeFor(cwd: string): Promise<string> {
  let home = cacheHomes.get(cwd)
  if (!home) {
    home = await mkdtemp(path.join(tmpdir(), 'paperlint-cache-home-'))
    cacheHomes.set(cwd, home)
  }
  return home
}

/**
 * Run `paperlint` with the given arguments.
 *
 * @param argv arguments
 * @param cwd working directory
 * @param env environment (default: only `XDG_CACHE_HOME` (see
 *   {@link cacheHomeFor}), so no GITHUB_TOKEN leaks in)
 * @param extra standard input, a terminal stderr, the heartbeat period
 * @returns exit code and output
 */
export async function runCli(
  argv: string[],
  cwd: string,
  env: Record<string, string | undefined> = {},
  extra: {stdin?: string; stderrTTY?: boolean; heartbeatMs?: number} = {}
): Promise<CliRun> {
  const stdout = new Collect()
  const stderr = new Collect()
  stderr.isTTY = extra.stderrTTY === true
  const code = await main(argv, {
    stdout,
    stderr,
    stdin: extra.stdin === undefined ? undefined : Readable.from([Buffer.from(extra.stdin)]),
    cwd,
    env: {XDG_CACHE_HOME: await cacheHomeFor(cwd), ...env},
    heartbeatMs: extra.heartbeatMs
  })
  return {code, stdout: stdout.text, stderr: stderr.text}
}

/**
 * A temporary repository holding the given files.
 *
 * @param files path -> content
 * @returns its absolute path
 */
export async function tempRepo(files: Record<string, string | Buffer>): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'paperlint-cli-'))
  for (const [file, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, file)), {recursive: true})
    await writeFile(path.join(root, file), content)
  }
  return root
}
