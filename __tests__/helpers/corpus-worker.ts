/**
 * The background extraction of the corpus that Vitest's global setup starts
 * (bundled by esbuild, run by node): prints `locked` once it holds the
 * cache's lock, then extracts and writes the cache, or prints `cached` or
 * `busy` and exits.
 */
import {corpusCachePath, writeCorpusCache} from './corpus.js'

const outcome = await writeCorpusCache(corpusCachePath(), () => process.stdout.write('locked\n'))
if (outcome !== 'written') process.stdout.write(`${outcome}\n`)
