/**
 * arXiv records for the rules' documented examples (the examples run as
 * tests and make the README's rule reference).
 */
import type {ArxivRecord} from '../types.js'

/**
 * A record with only what an example needs; the rest empty.
 *
 * @param id the arXiv id
 * @param title the paper's title
 * @param fields other fields (version 1, no authors by default)
 * @returns the record
 */
export function examplePaper(id: string, title: string, fields: Partial<ArxivRecord> = {}): ArxivRecord {
  return {
    id,
    version: 1,
    title,
    authors: [],
    published: '',
    updated: '',
    comment: undefined,
    journalRef: undefined,
    doi: undefined,
    primaryCategory: undefined,
    ...fields
  }
}

/**
 * The resolution of a paper the API found.
 *
 * @param id the arXiv id
 * @param title the paper's title
 * @param fields other fields
 * @returns `{state: 'found', data}`
 */
export function foundPaper(
  id: string,
  title: string,
  fields: Partial<ArxivRecord> = {}
): {state: 'found'; data: ArxivRecord} {
  return {state: 'found', data: examplePaper(id, title, fields)}
}

/** LLM-Pruner as the arXiv API gives it (three versions, a venue comment). */
export const LLM_PRUNER: ArxivRecord = examplePaper(
  '2305.11627',
  'LLM-Pruner: On the Structural Pruning of Large Language Models',
  {
    version: 3,
    authors: ['Xinyin Ma', 'Gongfan Fang', 'Xinchao Wang'],
    published: '2023-05-19T00:00:00Z',
    updated: '2023-09-28T00:00:00Z',
    comment: 'Accepted by NeurIPS 2023',
    primaryCategory: 'cs.CL'
  }
)
