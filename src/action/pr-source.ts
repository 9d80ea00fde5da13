/**
 * `pull_request_target`: the pull request's files as data. The event runs
 * with a read/write token in the base repository's context [API-NOTES C3],
 * so nothing of the pull request may be run, and nothing it contains may
 * steer the run. paperlint therefore never lints a checkout here: it asks the
 * API for
 * - the configuration file at the base commit (a `.paperlint.yml` the pull
 *   request adds or changes is never read), written into a folder of its own;
 * - the head commit's tree: every path becomes an empty placeholder (enough
 *   for relative links, anchors to other files and globs), and only the
 *   files the list globs name get their content (git blobs, read as bytes,
 *   never executed). Symbolic links stay empty placeholders, so no link of
 *   the pull request can lead out of the folder.
 * Links in those files still go through the private-address filter: the
 * base configuration and the `allow-private-hosts` input decide.
 */
import {mkdir, mkdtemp, open, rm, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {expandPatterns} from '../adapters/fs.js'
import {CONFIG_FILE_NAMES} from '../config/defaults.js'
import type {Settings, SettingsEnv} from '../config/settings.js'
import {isInside} from '../paths.js'
import type {Octokit} from './changed-lines.js'
import {settingsFromInputs, type ActionInputs} from './inputs.js'
import {apiMessage, httpStatus} from './write-gate.js'

/** A pull request's data, ready to lint. */
export interface PullRequestData {
  /** The base configuration's settings, for the head folder. */
  settings: Settings
  folders: PullRequestFolders
}

/**
 * Fetch what a `pull_request_target` run lints: the base configuration, then
 * the head tree with the list's files, into two new folders under `temp`.
 *
 * @param octokit an authenticated client
 * @param commits repository, base and head commits
 * @param inputs the validated inputs (`config`, `files`, ...)
 * @param env `GITHUB_API_URL`
 * @param workspace where the results cache lives
 * @param temp where the folders are made (`RUNNER_TEMP`)
 * @param warn one-line warnings
 * @returns the settings and the folders (remove them with `removeFolders`)
 */
export async function fetchPullRequestData(
  octokit: Octokit,
  commits: PullRequestCommits,
  inputs: ActionInputs,
  env: SettingsEnv,
  workspace: string,
  temp: string,
  warn: (line: string) => void
): Promise<PullRequestData> {
  const folders = {
    base: await mkdtemp(path.join(temp, 'paperlint-base-')),
    head: await mkdtemp(path.join(temp, 'paperlint-head-'))
  }
  try {
    const config = inputs.config === undefined ? undefined : path.posix.join(inputs.workingDirectory, inputs.config)
    await fetchBaseConfig(octokit, commits, config, folders.base, inputs.workingDirectory)
    const settings = headSettings(await settingsFromInputs(inputs, folders.base, env, warn), folders, workspace)
    await fetchHeadTree(octokit, commits, settings, folders.head, warn)
    return {settings, folders}
  } catch (error) {
    await removeFolders(folders)
    throw error
  }
}

/** Where the pull request's data lives for one run. */
export interface PullRequestFolders {
  /** The base commit's configuration file, if any (nothing else). */
  base: string
  /** The head commit's tree: placeholders, and the list's files. */
  head: string
}

/** The repository and the two commits. */
export interface PullRequestCommits {
  owner: string
  repo: string
  /** Where the configuration comes from. */
  baseSha: string
  /** What is linted. */
  headSha: string
}

/**
 * The commits of a `pull_request_target` run: the base from the payload
 * (else `GITHUB_SHA`, the default branch since 2025-12 [API-NOTES C3]).
 *
 * @param pull the pull request
 * @param repository owner and name
 * @param env `GITHUB_SHA`
 * @returns repository, base and head commits
 */
export function commitsOf(
  pull: {headSha: string; baseSha: string | undefined},
  repository: {owner: string; repo: string},
  env: Readonly<Record<string, string | undefined>>
): PullRequestCommits {
  return {...repository, headSha: pull.headSha, baseSha: pull.baseSha ?? env.GITHUB_SHA ?? pull.headSha}
}

/** Git file modes of the tree API. */
const SYMLINK_MODE = '120000'
const SUBMODULE_MODE = '160000'

/**
 * Write the base commit's configuration file into `folder`: the `config`
 * input's path, else the first default name that exists. Nothing is written
 * when the base has none.
 *
 * @param octokit an authenticated client
 * @param commits repository and base commit
 * @param explicit the `config` input (relative to the repository root)
 * @param folder the empty folder to write into
 * @param directory where the default names are looked for (`working-directory`; default: the root)
 * @returns the names written (relative to `folder`)
 * @throws Error (one line) when GitHub fails otherwise than 404
 */
export async function fetchBaseConfig(
  octokit: Octokit,
  commits: PullRequestCommits,
  explicit: string | undefined,
  folder: string,
  directory = ''
): Promise<string[]> {
  const names = explicit === undefined ? CONFIG_FILE_NAMES.map((name) => path.posix.join(directory, name)) : [explicit]
  const written: string[] = []
  for (const name of names) {
    const target = path.resolve(folder, name)
    if (!isInside(target, folder) || path.isAbsolute(name)) continue
    let text: string | undefined
    try {
      const {data} = await octokit.rest.repos.getContent({
        owner: commits.owner,
        repo: commits.repo,
        path: name.split(path.sep).join('/').replace(/^\.\//, ''),
        ref: commits.baseSha
      })
      if (!Array.isArray(data) && data.type === 'file' && typeof data.content === 'string') {
        text = Buffer.from(data.content, 'base64').toString('utf8')
      }
    } catch (error) {
      if (httpStatus(error) === 404) continue
      throw new Error(`Could not read ${name} at the base commit ${commits.baseSha.slice(0, 7)}: ${apiMessage(error)}`)
    }
    if (text === undefined) continue
    await mkdir(path.dirname(target), {recursive: true})
    await writeFile(target, text)
    written.push(name)
  }
  return written
}

/**
 * Write the head commit's tree into `folder`: an empty placeholder per file,
 * the content of the files the settings' globs name (the list). A file over
 * the size limit gets its size only (a sparse file), so the lint reports it
 * as too large without anything being downloaded.
 *
 * @param octokit an authenticated client
 * @param commits repository and head commit
 * @param settings the settings for the head folder (`headSettings`: files, ignores, size limit)
 * @param folder the empty folder to write into
 * @param warn receives one line when GitHub truncated the tree
 * @returns the list's files, relative to `folder`
 * @throws Error (one line) when GitHub fails
 */
export async function fetchHeadTree(
  octokit: Octokit,
  commits: PullRequestCommits,
  settings: Settings,
  folder: string,
  warn: (line: string) => void
): Promise<string[]> {
  const request = async <T>(what: string, send: () => Promise<T>): Promise<T> => {
    try {
      return await send()
    } catch (error) {
      throw new Error(
        `Could not read ${what} of the pull request's head ${commits.headSha.slice(0, 7)}: ${apiMessage(error)}`
      )
    }
  }
  const {data: tree} = await request('the tree', () =>
    octokit.rest.git.getTree({owner: commits.owner, repo: commits.repo, tree_sha: commits.headSha, recursive: 'true'})
  )
  if (tree.truncated) {
    warn(
      "GitHub truncated the pull request's tree (too many files): relative links to the missing paths are reported as missing"
    )
  }
  const blobs = new Map<string, {sha: string; size: number}>()
  for (const item of tree.tree) {
    if (typeof item.path !== 'string' || item.mode === SUBMODULE_MODE) continue
    const target = path.resolve(folder, item.path)
    // Git paths never hold `..`; a tree that claims so is not followed
    if (!isInside(target, folder) || target === path.resolve(folder)) continue
    if (item.type === 'tree') await mkdir(target, {recursive: true})
    else if (item.type === 'blob') {
      await mkdir(path.dirname(target), {recursive: true})
      await writeFile(target, '')
      if (item.mode !== SYMLINK_MODE && typeof item.sha === 'string') {
        blobs.set(path.relative(folder, target).split(path.sep).join('/'), {sha: item.sha, size: item.size ?? 0})
      }
    }
  }
  const ignore = ignoreGlobs(settings, folder)
  const {files} = await expandPatterns(settings.files, folder, ignore)
  const listed: string[] = []
  for (const file of files) {
    const key = file.split(path.sep).join('/').replace(/^\.\//, '')
    const blob = blobs.get(key)
    if (!blob) continue
    listed.push(key)
    const target = path.resolve(folder, key)
    if (blob.size > settings.maxFileBytes) {
      const handle = await open(target, 'w')
      await handle.truncate(blob.size).finally(() => handle.close())
      continue
    }
    const {data} = await request(key, () =>
      octokit.rest.git.getBlob({owner: commits.owner, repo: commits.repo, file_sha: blob.sha})
    )
    await writeFile(target, Buffer.from(data.content, data.encoding === 'base64' ? 'base64' : 'utf8'))
  }
  return listed
}

/**
 * The settings for linting the head folder: `ignore.files` relative to the
 * head folder (they were relative to the base configuration's folder), the
 * results cache in the workspace (never in a folder of the pull request).
 *
 * @param settings the base configuration's settings
 * @param folders the base and head folders
 * @param workspace the runner's workspace
 * @returns the settings to lint with
 */
export function headSettings(settings: Settings, folders: PullRequestFolders, workspace: string): Settings {
  const base = settings.ignore.base
  const cacheFile = path.resolve(folders.base, settings.cache.file)
  return {
    ...settings,
    ignore: {
      ...settings.ignore,
      base: base === undefined ? undefined : path.join(folders.head, path.relative(folders.base, base))
    },
    cache: {
      ...settings.cache,
      file: isInside(cacheFile, folders.base)
        ? path.join(workspace, path.relative(folders.base, cacheFile))
        : path.resolve(workspace, settings.cache.file)
    }
  }
}

/**
 * Remove the folders.
 *
 * @param folders the base and head folders
 */
export async function removeFolders(folders: PullRequestFolders): Promise<void> {
  await Promise.all([folders.base, folders.head].map((folder) => rm(folder, {recursive: true, force: true})))
}

/** `ignore.files` globs relative to the head folder. */
function ignoreGlobs(settings: Settings, folder: string): string[] {
  const base = settings.ignore.base
  if (base === undefined) return settings.ignore.files
  return settings.ignore.files.map((glob) => path.relative(folder, path.join(base, glob)).split(path.sep).join('/'))
}
