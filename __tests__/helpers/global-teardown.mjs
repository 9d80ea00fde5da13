// Jest global teardown: stops the corpus extraction of global-setup.mjs when
// the run ends before it (no suite needed it, or the run was cut short).
export default async function globalTeardown() {
  const child = globalThis.paperlintCorpusWorker
  if (child && child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill()
    await exited
  }
}
