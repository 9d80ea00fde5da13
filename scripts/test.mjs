// `npm test` after the type check: bundles src/ once into a temporary folder,
// runs jest with PAPERLINT_BUNDLE pointing at it (the suites that run the
// bundled action and CLI use it instead of building their own), then
// compares that same bundle with the committed dist/ (check-dist).
// Arguments go to jest: `npm test -- __tests__/cli`.
import {spawnSync} from 'node:child_process'
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const bundle = mkdtempSync(path.join(tmpdir(), 'paperlint-test-bundle-'))

/** Run node with these arguments in the repository; the exit code. */
function node(args, env = process.env) {
  const result = spawnSync(process.execPath, args, {cwd: root, stdio: 'inherit', env})
  return result.status ?? 1
}

let code
try {
  code = node(['scripts/build.mjs', bundle])
  if (code === 0) {
    const jest = path.join(root, 'node_modules/jest/bin/jest.js')
    const options = [process.env.NODE_OPTIONS, '--experimental-vm-modules'].filter(Boolean).join(' ')
    code = node([jest, ...process.argv.slice(2)], {...process.env, NODE_OPTIONS: options, PAPERLINT_BUNDLE: bundle})
  }
  if (code === 0) code = node(['scripts/check-dist.mjs', bundle])
} finally {
  rmSync(bundle, {recursive: true, force: true})
}
process.exitCode = code
