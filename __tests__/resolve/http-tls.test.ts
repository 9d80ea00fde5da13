/**
 * TLS: certificates are verified with Node's defaults (an unknown issuer is a
 * `tls` failure), and `NODE_EXTRA_CA_CERTS` makes a private CA trusted. The
 * latter is read at process start, so it runs in a child process on a
 * bundle of `src/resolve/http.ts`.
 */
import {execFile} from 'node:child_process'
import {rm, writeFile} from 'node:fs/promises'
import https from 'node:https'
import type {AddressInfo} from 'node:net'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {build} from 'esbuild'
import {createHttpClient} from '../../src/resolve/http.js'
import {hasOpenssl, selfSignedCertificate} from '../helpers/tls.js'
import {withoutProxyEnv} from './loopback.js'

withoutProxyEnv()

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

// Skipped, visibly, where no openssl binary can make a test certificate.
const describeTls = hasOpenssl() ? describe : describe.skip

describeTls('TLS (self-signed loopback server)', () => {
  let directory: string
  let server: https.Server
  let origin: string
  let hits = 0

  beforeAll(async () => {
    const certificate = await selfSignedCertificate('paperlint-tls-')
    directory = certificate.directory
    server = https.createServer({key: certificate.key, cert: certificate.cert}, (_request, response) => {
      hits++
      response.writeHead(200, {'content-type': 'text/plain'})
      response.end('secure')
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`
  })

  afterAll(async () => {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
    await rm(directory, {recursive: true, force: true})
  })

  test('should refuse an unknown issuer as a tls failure, without retries', async () => {
    const client = createHttpClient({allowPrivateHosts: true, timeoutMs: 2000})
    try {
      const outcome = await client.request({method: 'GET', url: origin})
      expect(outcome).toMatchObject({ok: false, failure: 'tls', retries: 0})
      expect(hits).toBe(0)
    } finally {
      await client.close()
    }
  })

  test('should trust a CA given in NODE_EXTRA_CA_CERTS', async () => {
    await build({
      entryPoints: [path.join(ROOT, 'src/resolve/http.ts')],
      outfile: path.join(directory, 'http.mjs'),
      bundle: true,
      platform: 'node',
      format: 'esm',
      logLevel: 'silent',
      banner: {
        js: "import {createRequire as __cr} from 'node:module';const require = __cr(import.meta.url);"
      }
    })
    await writeFile(
      path.join(directory, 'run.mjs'),
      [
        "import {createHttpClient} from './http.mjs'",
        'const client = createHttpClient({allowPrivateHosts: true, timeoutMs: 5000})',
        "const outcome = await client.request({method: 'GET', url: process.argv[2]})",
        'await client.close()',
        'process.stdout.write(JSON.stringify(outcome))'
      ].join('\n')
    )
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      NODE_EXTRA_CA_CERTS: path.join(directory, 'cert.pem')
    }
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, [path.join(directory, 'run.mjs'), origin], {env, timeout: 20_000}, (error, out) =>
        error ? reject(error) : resolve(out)
      )
    )
    expect(JSON.parse(stdout)).toMatchObject({
      ok: true,
      response: {status: 200, body: 'secure'}
    })
    expect(hits).toBe(1)
  })
})
