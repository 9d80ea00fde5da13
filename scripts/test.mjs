// `npm test`: the type check (`tsc --noEmit`), Biome's lint and a bundle of
// src/ into a temporary folder start side by side (their output is shown
// when one fails). Vitest starts as soon as the bundle is built, with
// PAPERLINT_BUNDLE pointing at it (the suites that run the bundled action and
// CLI use it instead of building their own); a failed type check or lint
// stops it. Then check-dist compares that same bundle with the committed
// dist/. Arguments go to Vitest: `npm test -- __tests__/cli`.
import {spawn} from 'node:child_process'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
// <temporary>/dist beside a package.json, as dist/ in the package: its .js
// files are ES modules by "type" (node need not guess the format)
const folder = mkdtempSync(path.join(tmpdir(), 'paperlint-test-bundle-'))
writeFileSync(path.join(folder, 'package.json'), '{"type": "module"}\n')
const bundle = path.join(folder, 'dist')

/**
 * Run node with these arguments in the repository.
 *
 * @param name what the step is called in a failure
 * @param args node's arguments
 * @param options `quiet`: keep the output, to show it only on failure
 * @returns the child and its end: the exit code, and the kept output
 */
function node(name, args, {quiet = false, env = process.env} = {}) {
  const child = spawn(process.execPath, args, {cwd: root, env, stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit'})
  let output = ''
  child.stdout?.on('data', (chunk) => (output += chunk))
  child.stderr?.on('data', (chunk) => (output += chunk))
  const done = new Promise((resolve) => {
    child.on('close', (code) => {
      const result = {name, code: code ?? 1, output}
      if (result.code !== 0 && quiet) process.stderr.write(`${name} failed:\n${output}\n`)
      resolve(result)
    })
  })
  return {child, done}
}

const bin = (file) => path.join(root, 'node_modules', file)

let code = 1
try {
  const checks = [
    node('tsc --noEmit', [bin('typescript/bin/tsc'), '--noEmit'], {quiet: true}),
    node('biome check', [bin('@biomejs/biome/bin/biome'), 'check'], {quiet: true})
  ]
  const build = await node('build', ['scripts/build.mjs', bundle], {quiet: true}).done
  let tests
  if (build.code === 0) {
    const env = {...process.env, PAPERLINT_BUNDLE: bundle}
    tests = node('vitest', [bin('vitest/vitest.mjs'), 'run', ...process.argv.slice(2)], {env})
    // A failed check ends the run at once: no need to wait for the tests
    for (const check of checks) {
      check.done.then((result) => {
        if (result.code !== 0) tests.child.kill()
      })
    }
  }
  const results = await Promise.all([...checks.map((check) => check.done), tests?.done ?? build])
  code = results.find((result) => result.code !== 0)?.code ?? 0
  if (code === 0) code = (await node('check-dist', ['scripts/check-dist.mjs', bundle]).done).code
} finally {
  rmSync(folder, {recursive: true, force: true})
}
process.exitCode = code
