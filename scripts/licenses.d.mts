// Types of scripts/licenses.mjs (for the tests).
import type {Metafile} from 'esbuild'

export interface PackageLicense {
  name: string
  version: string
  license: string
  texts: string[]
}

export function packageDirOf(input: string): string | undefined
export function bundledPackageDirs(metafile: Metafile, entryPoint: string): string[]
export function readPackageLicense(dir: string): PackageLicense
export function renderLicenses(bundle: string, packages: PackageLicense[]): string
