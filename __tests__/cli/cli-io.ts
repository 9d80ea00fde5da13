/** Run the CLI in-process with collecting streams, in a temporary folder. */
import {mkdtemp, mkdir, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {Writable} from 'node:stream'
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

/**
 * Run `paperlint` with the given arguments.
 *
 * @param argv arguments
 * @param cwd working directory
 * @param env environment (default: none, so no GITHUB_TOKEN leaks in)
 * @returns exit code and output
 */
export async function runCli(
  argv: string[],
  cwd: string,
  env: Record<string, string | undefined> = {}
): Promise<CliRun> {
  const stdout = new Collect()
  const stderr = new Collect()
  const code = await main(argv, {stdout, stderr, cwd, env})
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
