/**
 * Self-signed certificates for loopback TLS servers (made with the openssl
 * binary; suites skip, visibly, where there is none).
 */
import {execFileSync} from 'node:child_process'
import {mkdtemp, readFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'

/** Whether an openssl binary can make a test certificate. */
export function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], {stdio: 'ignore'})
    return true
  } catch {
    return false
  }
}

/** A certificate for 127.0.0.1, valid one day, in a new temporary folder. */
export interface TestCertificate {
  /** The folder holding `key.pem` and `cert.pem` (the caller removes it). */
  directory: string
  key: Buffer
  cert: Buffer
  /** Path of `cert.pem` (for `NODE_EXTRA_CA_CERTS`). */
  certFile: string
}

/**
 * Make a self-signed certificate for `127.0.0.1`.
 *
 * @param prefix the temporary folder's name prefix
 * @returns the key, the certificate and where they are
 */
export async function selfSignedCertificate(prefix: string): Promise<TestCertificate> {
  const directory = await mkdtemp(path.join(tmpdir(), prefix))
  const keyFile = path.join(directory, 'key.pem')
  const certFile = path.join(directory, 'cert.pem')
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      keyFile,
      '-out',
      certFile
    ],
    {stdio: 'ignore'}
  )
  return {directory, key: await readFile(keyFile), cert: await readFile(certFile), certFile}
}
