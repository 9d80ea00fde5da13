// `npm run bench`: bundles the benchmark bodies with esbuild into a temporary
// folder and runs them in fresh processes (so peak memory is the body's own).
import {build} from 'esbuild'
import {execFileSync} from 'node:child_process'
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'

const which = process.argv[2] ?? 'all'
const folder = mkdtempSync(path.join(tmpdir(), 'paperlint-bench-'))
try {
  const bodies = [
    ['offline', 'scripts/bench-offline.ts'],
    ['online', 'scripts/bench-online.ts']
  ].filter(([name]) => which === 'all' || which === name)
  for (const [name, entry] of bodies) {
    const outfile = path.join(folder, `${name}.mjs`)
    try {
      await build({
        entryPoints: [entry],
        outfile,
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        logLevel: 'error',
        banner: {
          js: "import {createRequire as __cr} from 'node:module';const require = __cr(import.meta.url);"
        }
      })
    } catch {
      console.log(`(${name} benchmark not available)`)
      continue
    }
    console.log(`== ${name} benchmark`)
    execFileSync(process.execPath, [outfile, ...process.argv.slice(3)], {stdio: 'inherit'})
  }
} finally {
  rmSync(folder, {recursive: true, force: true})
}
