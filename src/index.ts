/**
 * The action entry: `run()` only. Every failure becomes one
 * `core.setFailed` line inside `run`, never a stack trace.
 */
import {run} from './action/main.js'

await run()
