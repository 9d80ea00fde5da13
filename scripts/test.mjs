// `npm test`: the type check (`tsc --noEmit`), Biome's lint and a bundle of
// src/ into a temporary folder run side by side (their output is shown when
// one fails); then Vitest runs with PAPERLINT_BUNDLE pointing at the bundle
// (the suites that run the bundled action and CLI use it instead of building
// their own), and check-dist compares that same bundle with the committed
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
 * @param args node's arguments
 * @param options `quiet`: keep the output, to show it only on failure
 * @returns the exit code and the kept output
 */
function node(args, {quiet = false, env = process.env} = {}) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, {cwd: root, env, stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit'})
    let output = ''
    child.stdout?.on('data', (chunk) => (output += chunk))
    child.stderr?.on('data', (chunk) => (output += chunk))
    child.on('close', (code, signal) => resolve({code: code ?? (signal ? 1 : 0), output}))
  })
}

const bin = (file) => path.join(root, 'node_modules', file)

let code = 1
try {
  const steps = [
    ['tsc --noEmit', [bin('typescript/bin/tsc'), '--noEmit']],
    ['biome check', [bin('@biomejs/biome/bin/biome'), 'check']],
    ['build', ['scripts/build.mjs', bundle]]
  ]
  const results = await Promise.all(steps.map(([, args]) => node(args, {quiet: true})))
  const failed = steps.filter((_, index) => results[index].code !== 0)
  for (const [index, [name]] of steps.entries()) {
    if (results[index].code !== 0) process.stderr.write(`${name} failed:\n${results[index].output}\n`)
  }
  if (failed.length === 0) {
    const vitest = bin('vitest/vitest.mjs')
    code = (await node([vitest, 'run', ...process.argv.slice(2)], {env: {...process.env, PAPERLINT_BUNDLE: bundle}}))
      .code
    if (code === 0) code = (await node(['scripts/check-dist.mjs', bundle])).code
  }
} finally {
  rmSync(folder, {recursive: true, force: true})
}
process.exitCode = code
