/** The package version, written into model files, runs and worker handshakes. */
import { readFileSync } from 'node:fs';

export const TRAINYARD_VERSION: string = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
