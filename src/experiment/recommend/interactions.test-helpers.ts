/**
 * Test-only: a small synthetic interactions file with structure a recommender can learn — users and
 * items fall into taste groups, users rate mostly items of their own group (high) and a few others
 * (low) — so end-to-end tests run in a second instead of on MovieLens.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Rng } from '../../core/rng.js';

export interface SyntheticOptions {
  users?: number;
  items?: number;
  /** Events per user. */
  perUser?: number;
  groups?: number;
  seed?: number;
  /** Lines appended verbatim after the generated rows (bad rows, duplicates ...). */
  extraLines?: string[];
  /** Column names of the header line. */
  header?: string;
}

/**
 * Writes `user,item,rating,timestamp` rows to `dir/name` and returns the path. Ids are text
 * (`u7`, `i12`) so that id mapping is exercised; ratings are 1–5; timestamps increase per user.
 *
 * @example const csv = writeSyntheticInteractions(tempDir());
 */
export function writeSyntheticInteractions(dir: string, options: SyntheticOptions = {}, name = 'events.csv'): string {
  const { users = 60, items = 40, perUser = 12, groups = 3, seed = 1 } = options;
  const rng = new Rng(seed);
  const lines = [options.header ?? 'user,item,rating,timestamp'];
  for (let u = 0; u < users; u++) {
    const g = u % groups;
    const chosen = new Set<number>();
    while (chosen.size < Math.min(perUser, items)) {
      // 80% of a user's events are items of their own group.
      const own = rng.random() < 0.8;
      let it = rng.int(items);
      if (own) it = (Math.floor(it / groups) * groups + g) % items;
      chosen.add(it);
    }
    let t = 1_000_000 + u * 1000;
    for (const it of chosen) {
      const rating = it % groups === g ? 4 + rng.int(2) : 1 + rng.int(2);
      lines.push(`u${u},i${it},${rating},${(t += 1 + rng.int(50))}`);
    }
  }
  lines.push(...(options.extraLines ?? []));
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}
