/** The run's output folder (`--out`): checked before any work, so an unwritable place fails at once. */
import { mkdirSync, rmdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDir, fsError } from '../../core/fs-errors.js';

/** What to do when the output folder cannot be written. */
export const OUT_FIX = 'choose a folder you can write with --out (the run leaves its model and report there)';

/**
 * Checks, before any work, that the output folder `outRoot` exists (creating it) and can take the run's
 * folder: a file in the way, a read-only or forbidden place is `E_IO` naming the folder, not a stack
 * trace after the whole cross-validation.
 */
export function checkOutputFolder(outRoot: string): void {
  ensureDir(outRoot, OUT_FIX);
  const probe = join(outRoot, `.trainyard-write-check-${process.pid}`);
  try {
    mkdirSync(probe);
    rmdirSync(probe);
  } catch (e) {
    throw fsError(e, 'write in the output folder', outRoot, OUT_FIX);
  }
}

