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
import {RULES} from './check/index.js'
import {HELP_TEXT, parseArgv} from './config/argv.js'
import {loadConfig} from './config/load.js'
import {resolveSettings, type Settings} from './config/settings.js'
import type {LintResult} from './lint.js'
import {renderWorkflowCommands} from './report/github.js'
import {renderJson} from './report/json.js'
import {renderSarif} from './report/sarif.js'
import {renderText} from './report/text.js'
import {SERVICES, type NetworkStats, type Progress} from './resolve/index.js'
import {KNOWN_RULES, runPaperlint} from './run.js'
import type {Report, Severity} from './types.js'
import {VERSION} from './version.js'

/** Where the CLI writes; injected by tests. */
export interface CliIo {
  stdout: NodeJS.WritableStream & {isTTY?: boolean}
  stderr: NodeJS.WritableStream & {isTTY?: boolean}
  cwd: string
  env: Readonly<Record<string, string | undefined>>
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
  let settings: Settings
  try {
    const cli = parseArgv(argv, KNOWN_RULES)
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
  } catch (error) {
    return fail(messageOf(error))
  }

  const progress = io.stderr.isTTY ? progressLine(io.stderr) : undefined
  let outcome
  try {
    outcome = await runPaperlint(settings, {
      cwd: io.cwd,
      version: VERSION,
      warn: (line) => io.stderr.write(`paperlint: warning: ${line}\n`),
      onProgress: progress?.update
    })
  } catch (error) {
    return fail(messageOf(error))
  } finally {
    progress?.clear()
  }
  const {result, stats} = outcome

  const output = render(result.report, settings, io)
  try {
    if (settings.output !== undefined) await writeFile(path.resolve(io.cwd, settings.output), output)
    else io.stdout.write(output)
  } catch (error) {
    return fail(`cannot write ${settings.output}: ${messageOf(error)}`)
  }

  if (!settings.quiet) {
    for (const notice of result.notices) io.stderr.write(`paperlint: ${notice}\n`)
    for (const {file, applied} of result.fixed) {
      io.stderr.write(`paperlint: fixed ${applied} problem${applied === 1 ? '' : 's'} in ${file}\n`)
    }
    if (stats && !io.stderr.isTTY) io.stderr.write(statsLines(stats))
  }
  for (const error of result.inputErrors) io.stderr.write(`paperlint: ${error.file}: ${error.message}\n`)
  if (result.networkDown) {
    return fail('the network is unreachable: every host failed to resolve or connect; use --offline to lint without it')
  }
  if (result.inputErrors.length > 0) return 2
  return exitCode(result, settings)
}

/** 1 when a finding is at or above `--fail-on`. */
function exitCode(result: LintResult, settings: Settings): number {
  if (settings.failOn === 'never') return 0
  const threshold = RANK[settings.failOn]
  return result.report.findings.some((finding) => RANK[finding.severity] >= threshold) ? 1 : 0
}

/** The report in the chosen format. */
function render(report: Report, settings: Settings, io: CliIo): string {
  switch (settings.format) {
    case 'json':
      return renderJson(report)
    case 'sarif':
      return renderSarif(report, RULES, {toolVersion: VERSION, root: io.cwd})
    case 'github':
      return renderWorkflowCommands(report.findings)
    case 'text': {
      const toTerminal = settings.output === undefined && io.stdout.isTTY === true
      return renderText(report, {color: settings.color ?? toTerminal, quiet: settings.quiet})
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

/** A progress line on a TTY, redrawn at most every 100 ms. */
function progressLine(stream: NodeJS.WritableStream): {
  update: (progress: Progress) => void
  clear: () => void
} {
  let last = 0
  let shown = false
  return {
    update(progress) {
      const now = Date.now()
      if (now - last < 100) return
      last = now
      shown = true
      const {requests, total} = progress
      stream.write(
        `\r\u001B[2Kpaperlint: links ${Math.min(requests.urls, total.urls)}/${total.urls}` +
          ` · arXiv ${requests.arxiv} requests · GitHub ${requests.github} requests`
      )
    },
    clear() {
      if (shown) stream.write('\r\u001B[2K')
    }
  }
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message.split('\n')[0] ?? String(error)
  return String(error)
}

if (process.argv[1] && import.meta.url.endsWith('/cli.js')) {
  main(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    cwd: process.cwd(),
    env: process.env
  }).then(
    (code) => {
      process.exitCode = code
    },
    (error: unknown) => {
      process.stderr.write(`paperlint: internal error: ${messageOf(error)}\n`)
      process.exitCode = 2
    }
  )
}
