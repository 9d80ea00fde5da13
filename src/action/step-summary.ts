/**
 * The job summary: Markdown appended to the file `GITHUB_STEP_SUMMARY` names.
 */
import {appendFile} from 'node:fs/promises'

/**
 * Append Markdown to the job summary (nothing outside a runner). As
 * `core.summary.write()` does, without its shared buffer and the path it
 * keeps from its first call.
 *
 * @param markdown the text to append
 */
export async function appendStepSummary(markdown: string): Promise<void> {
  const file = process.env.GITHUB_STEP_SUMMARY
  if (file) await appendFile(file, markdown)
}
