/**
 * The run's GitHub API client. @actions/github takes its default API root
 * from `GITHUB_API_URL` once, when it is loaded; the client is given the
 * root the run has (GitHub Enterprise, the loopback API of the tests).
 */
import * as github from '@actions/github'
import {DEFAULT_GITHUB_API_URL} from '../config/defaults.js'
import type {Octokit} from './changed-lines.js'

/**
 * An authenticated client for `GITHUB_API_URL` (default: api.github.com).
 *
 * @param token the run's token
 * @returns the client
 */
export function apiClient(token: string): Octokit {
  const baseUrl = (process.env.GITHUB_API_URL || DEFAULT_GITHUB_API_URL).replace(/\/+$/, '')
  return github.getOctokit(token, {baseUrl})
}
