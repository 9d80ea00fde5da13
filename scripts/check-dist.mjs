// Fails when the committed dist/ differs from a fresh bundle of src/ (the
// GitHub Action runs from the committed dist/).
//
//   node scripts/check-dist.mjs          builds into a temporary folder
//   node scripts/check-dist.mjs <dir>    compares a bundle built already
//                                        (npm test builds once, see test.mjs)
import {execFileSync} from 'node:child_process'
import {mkdtempSync, readdirSync, readFileSync, rmSync, statSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'

const given = process.argv[2]
const fresh = given ?? mkdtempSync(path.join(tmpdir(), 'paperlint-dist-'))
try {
  if (!given) execFileSync(process.execPath, ['scripts/build.mjs', fresh], {stdio: 'inherit'})
  const list = (dir, base = dir) =>
    readdirSync(dir).flatMap((name) => {
      const full = path.join(dir, name)
      return statSync(full).isDirectory() ? list(full, base) : [path.relative(base, full)]
    })
  const want = list(fresh).sort()
  let have = []
  try {
    have = list('dist').sort()
  } catch {
    // no dist/ at all: every file differs
  }
  const problems = []
  for (const file of new Set([...want, ...have])) {
    if (!want.includes(file)) problems.push(`dist/${file} is stale (not produced by the build)`)
    else if (!have.includes(file)) problems.push(`dist/${file} is missing`)
    else if (!readFileSync(path.join(fresh, file)).equals(readFileSync(path.join('dist', file))))
      problems.push(`dist/${file} differs from a fresh build`)
  }
  if (problems.length > 0) {
    console.error(problems.join('\n'))
    console.error('dist/ is out of date with src/: run `npm run build` and commit dist/.')
    process.exit(1)
  }
  console.log(`dist/ is up to date (${want.length} files).`)
} finally {
  if (!given) rmSync(fresh, {recursive: true, force: true})
}
