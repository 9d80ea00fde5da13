#!/usr/bin/env node
/**
 * The command line: argv -> configuration -> run -> report -> exit code.
 * Exit codes (DESIGN.md output contract): 0 nothing at or above `--fail-on`,
 * 1 findings at or above it, 2 usage, configuration, input or network error
 * (one line on stderr, never a stack trace).
 */
import {writeFile} from 'node:fs/promises'
import path from 'node:path'
import process from 'node:process'
import {defaultCachePaths, type CachePaths} from './adapters/cache-dir.js'
import {createProgressReporter, type ProgressReporter} from './adapters/progress.js'
import {RULES} from './check/index.js'
import {HELP_TEXT, parseArgv, type CliOptions} from './config/argv.js'
import {loadConfig} from './config/load.js'
import {resolveSettings, type Settings} from './config/settings.js'
import type {LintResult} from './lint.js'
import {renderWorkflowCommands} from './report/github.js'
import {renderJson} from './report/json.js'
import {renderSarif} from './report/sarif.js'
import {renderCompact, renderText} from './report/text.js'
import {SERVICES, type NetworkStats} from './resolve/index.js'
import {KNOWN_RULES, runPaperlint} from './run.js'
import type {Report, Severity} from './types.js'
import {VERSION} from './version.js'
import {errorMessage} from './text.js'

/** Where the CLI reads and writes; injected by tests. */
export interface CliIo {
  stdout: NodeJS.WritableStream & {isTTY?: boolean}
  stderr: NodeJS.WritableStream & {isTTY?: boolean; columns?: number}
  /** Read when a file is `-` (default: none, `-` is then an input error). */
  stdin?: NodeJS.ReadableStream
  cwd: string
  env: Readonly<Record<string, string | undefined>>
  /** Period of the progress heartbeat when stderr is not a terminal (default: 15000). */
  heartbeatMs?: number
}

const RANK: Record<Severity, number> = {notice: 0, warning: 1, error: 2}

/**
 * Run the CLI.
 *
 * @param argv arguments without `node` and the script
 * @param io streams, working directory, environment
 * @returns the exit code
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const fail = (message: string): number => {
    io.stderr.write(`paperlint: ${message}\n`)
    return 2
  }
  let cli: CliOptions
  let settings: Settings
  let cachePaths: CachePaths | undefined
  let stdin: string | undefined
  try {
    cli = parseArgv(argv, KNOWN_RULES)
    if (cli.help) {
      io.stdout.write(HELP_TEXT)
      return 0
    }
    if (cli.version) {
      io.stdout.write(`${VERSION}\n`)
      return 0
    }
    const loaded = await loadConfig(io.cwd, cli.config, KNOWN_RULES)
    settings = resolveSettings(loaded.config, cli, io.env, loaded.path)
    // Caches stay out of the working tree unless a cache file is named
    if (cli.cacheFile === undefined && loaded.config.cache?.file === undefined) {
      cachePaths = await defaultCachePaths(io.cwd, {env: io.env})
    }
    if (settings.files.includes('-')) {
      if (settings.fix) return fail('--fix cannot rewrite standard input (-); name the file instead')
      if (!io.stdin) return fail('standard input (-) is not available')
      stdin = await readStdin(io.stdin, settings.maxFileBytes)
    }
  } catch (error) {
    return fail(errorMessage(error))
  }

  // On a terminal, a redrawn progress line; in CI logs, a heartbeat
  const progress: ProgressReporter | undefined =
    settings.quiet || settings.offline
      ? undefined
      : createProgressReporter({stream: io.stderr, heartbeatMs: io.heartbeatMs})
  const warnings: string[] = []
  let outcome
  try {
    outcome = await runPaperlint(settings, {
      cwd: io.cwd,
      version: VERSION,
      // Held until the run ends: a warning must not tear the progress line
      warn: (line) => warnings.push(line),
      onProgress: progress?.update,
      onWait: progress?.wait,
      cachePaths,
      stdin,
      // Exit 2 prints only the error: no need to wait for the network first
      skipNetworkOnInputError: true
    })
  } catch (error) {
    progress?.stop()
    return fail(errorMessage(error))
  }
  progress?.stop()
  const {result, stats} = outcome

  // Exit 2 says only what went wrong: no report, no notes beside it
  if (result.networkDown) {
    return fail('the network is unreachable: every host failed to resolve or connect; use --offline to lint without it')
  }
  if (result.inputErrors.length > 0) {
    for (const error of result.inputErrors) io.stderr.write(`paperlint: ${error.file}: ${error.message}\n`)
    return 2
  }
  for (const line of warnings) io.stderr.write(`paperlint: warning: ${line}\n`)

  const output = render(result.report, settings, cli, io)
  try {
    if (settings.output !== undefined) await writeFile(path.resolve(io.cwd, settings.output), output)
    else io.stdout.write(output)
  } catch (error) {
    return fail(`cannot write ${settings.output}: ${errorMessage(error)}`)
  }

  if (!settings.quiet) {
    for (const notice of result.notices) io.stderr.write(`paperlint: ${notice}\n`)
    for (const {file, applied} of result.fixed) {
      io.stderr.write(`paperlint: fixed ${applied} problem${applied === 1 ? '' : 's'} in ${file}\n`)
    }
    if (stats && !io.stderr.isTTY) io.stderr.write(statsLines(stats))
  }
  return exitCode(result, settings)
}

/**
 * Standard input as text, with the checks a file gets: size, binary, UTF-8.
 *
 * @param stream standard input
 * @param maxBytes largest input accepted
 * @returns the text
 */
async function readStdin(stream: NodeJS.ReadableStream, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = []
  let length = 0
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array)
    chunks.push(buffer)
    length += buffer.length
    if (length > maxBytes) throw new Error(`standard input is larger than the ${maxBytes} bytes limit`)
  }
  const bytes = Buffer.concat(chunks, length)
  if (bytes.subarray(0, 8192).includes(0)) throw new Error('standard input is binary, not Markdown')
  try {
    return new TextDecoder('utf-8', {fatal: true, ignoreBOM: true}).decode(bytes)
  } catch {
    throw new Error('standard input is not valid UTF-8 text')
  }
}

/** 1 when a finding is at or above `--fail-on`. */
function exitCode(result: LintResult, settings: Settings): number {
  if (settings.failOn === 'never') return 0
  const threshold = RANK[settings.failOn]
  return result.report.findings.some((finding) => RANK[finding.severity] >= threshold) ? 1 : 0
}

/** The report in the chosen format. */
function render(report: Report, settings: Settings, cli: CliOptions, io: CliIo): string {
  // --min-severity and --quiet list fewer findings in every format; the
  // summary still counts them all
  const floor: Severity = settings.quiet ? 'error' : (cli.minSeverity ?? 'notice')
  const listed: Report =
    floor === 'notice'
      ? report
      : {...report, findings: report.findings.filter((finding) => RANK[finding.severity] >= RANK[floor])}
  switch (settings.format) {
    case 'json':
      return renderJson(listed)
    case 'sarif':
      return renderSarif(listed, RULES, {toolVersion: VERSION, root: io.cwd})
    case 'github':
      return renderWorkflowCommands(listed.findings)
    case 'compact':
      return renderCompact(listed)
    case 'text': {
      const toTerminal = settings.output === undefined && io.stdout.isTTY === true
      return renderText(report, {
        color: settings.color ?? toTerminal,
        quiet: settings.quiet,
        // Notices are counted, not listed, unless asked for
        minSeverity: cli.minSeverity ?? (cli.notices ? 'notice' : 'warning')
      })
    }
  }
}

/** One line per service that sent requests or used the cache. */
function statsLines(stats: NetworkStats): string {
  let text = ''
  for (const service of SERVICES) {
    const entry = stats[service.id]
    if (entry.requests === 0 && entry.cacheHits === 0) continue
    text +=
      `paperlint: ${service.name}: ${entry.requests} request${entry.requests === 1 ? '' : 's'}, ` +
      `${entry.cacheHits} cached, ${entry.retries} retried, ` +
      `${(entry.waitedMs / 1000).toFixed(1)} s waited for rate limits\n`
  }
  return text
}

if (process.argv[1] && import.meta.url.endsWith('/cli.js')) {
  // `paperlint ... | head`: the reader is gone, nothing is left to say
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0)
    throw error
  })
  main(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    cwd: process.cwd(),
    env: process.env
  }).then(
    (code) => {
      process.exitCode = code
    },
    (error: unknown) => {
      process.stderr.write(`paperlint: internal error: ${errorMessage(error)}\n`)
      process.exitCode = 2
    }
  )
}
