// `npm run fuzz`: the property test of __tests__/hardening/fuzz.test.ts with
// 10,000 cases instead of the suite's few.
//   npm run fuzz                          10,000 cases
//   npm run fuzz -- --runs 500            another count
//   npm run fuzz -- --seed=S --path=P     replay the failure fast-check printed
//                                         (`=`: a seed may be negative)
//   npm run fuzz -- --dump failing.md     write the text of a failing case
//   npm run fuzz -- --table 100000        time `lint` on a table of N short rows
//                                         (bundled with esbuild like bench.mjs,
//                                         in a fresh process: peak memory is its own)
import {build} from 'esbuild'
import {spawnSync} from 'node:child_process'
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {parseArgs} from 'node:util'

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')
const {values} = parseArgs({
  options: {
    runs: {type: 'string', default: '10000'},
    seed: {type: 'string'},
    path: {type: 'string'},
    dump: {type: 'string'},
    table: {type: 'string'}
  }
})

if (values.table !== undefined) {
  await timeTable(Number(values.table))
} else {
  const started = Date.now()
  const vitest = path.join(ROOT, 'node_modules/vitest/vitest.mjs')
  const result = spawnSync(process.execPath, [vitest, 'run', '__tests__/hardening/fuzz.test.ts', '-t', 'cases'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: {
      ...process.env,
      PAPERLINT_FUZZ_RUNS: values.runs,
      ...(values.seed ? {PAPERLINT_FUZZ_SEED: values.seed} : {}),
      ...(values.path ? {PAPERLINT_FUZZ_PATH: values.path} : {}),
      ...(values.dump ? {PAPERLINT_FUZZ_DUMP: path.resolve(values.dump)} : {})
    }
  })
  console.log(`fuzz: ${values.runs} cases in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  process.exitCode = result.status ?? 1
}

/** Lint an N-row table offline in a fresh process; print time and peak memory. */
async function timeTable(rows) {
  const folder = mkdtempSync(path.join(tmpdir(), 'paperlint-fuzz-'))
  try {
    const outfile = path.join(folder, 'table.mjs')
    await build({
      stdin: {
        contents: `
          import {mkdtempSync, writeFileSync} from 'node:fs'
          import {tmpdir} from 'node:os'
          import path from 'node:path'
          import {lint} from './src/lint.ts'
          const rows = Number(process.argv[2])
          const cwd = mkdtempSync(path.join(tmpdir(), 'paperlint-table-'))
          const body = Array.from({length: rows}, (_, i) => '| T' + i + ' | [p](https://arxiv.org/abs/2301.' + String(i % 100000).padStart(5, '0') + ') |')
          writeFileSync(path.join(cwd, 'list.md'), '# Papers\\n\\n| Title | Paper |\\n|---|---|\\n' + body.join('\\n') + '\\n')
          const started = process.hrtime.bigint()
          const result = await lint({files: ['list.md'], cwd, offline: true})
          const ms = Number(process.hrtime.bigint() - started) / 1e6
          console.log(rows + ' rows: ' + (ms / 1000).toFixed(1) + ' s, ' + result.report.summary.entries + ' entries, ' +
            result.report.findings.length + ' findings, ' + result.inputErrors.length + ' input errors')
        `,
        resolveDir: ROOT,
        sourcefile: 'table-entry.ts',
        loader: 'ts'
      },
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
    const result = spawnSync('/usr/bin/time', ['-f', 'peak memory: %M KiB', process.execPath, outfile, String(rows)], {
      stdio: 'inherit'
    })
    if (result.error) spawnSync(process.execPath, [outfile, String(rows)], {stdio: 'inherit'})
  } finally {
    rmSync(folder, {recursive: true, force: true})
  }
}
