/**
 * `npm run bench [-- csv|shoppers ...]`: trainyard side by side with its references (pandas,
 * scikit-learn) in the same run; prints a table and keeps the results as JSON under bench/results/.
 * Targets are ratios measured here, never absolute times.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../testing/paths.js';
import { benchCsvLoad } from './csv-load.js';
import { benchShoppers } from './shoppers.js';

const f = (v: number | null | undefined, d = 3): string => (v === null || v === undefined ? '—' : v.toFixed(d));

async function main(): Promise<void> {
  const which = new Set(process.argv.slice(2));
  const all = which.size === 0;
  const workDir = join(tmpdir(), 'trainyard-bench');
  mkdirSync(workDir, { recursive: true });
  const results: Record<string, unknown> = { date: new Date().toISOString() };

  if (all || which.has('shoppers')) {
    const rows = await benchShoppers(workDir);
    results.shoppers = rows;
    console.log('\nonline shoppers (same split for both)        fit s (ty / ref / ratio)   accuracy (ty / ref)   F1 (ty / ref)     AUC (ty / ref)');
    for (const r of rows) {
      console.log(
        `  ${r.model.padEnd(42)} ${f(r.trainyard.fitSeconds)} / ${f(r.reference?.fitSeconds)} / ${f(r.fitRatio, 2)}     ${f(r.trainyard.accuracy, 4)} / ${f(r.reference?.accuracy, 4)}     ${f(r.trainyard.f1, 4)} / ${f(r.reference?.f1, 4)}   ${f(r.trainyard.rocAuc, 4)} / ${f(r.reference?.rocAuc, 4)}`,
      );
    }
  }
  if (all || which.has('csv')) {
    const r = await benchCsvLoad({ rows: 1_000_000, cols: 40, dir: workDir });
    results.csvLoad = r;
    console.log(`\nCSV load ${r.rows}×${r.cols}: trainyard ${f(r.trainyardSeconds, 2)} s, pandas ${f(r.pandasSeconds, 2)} s, ratio ${f(r.ratio, 2)} (target ≤ 1.0)`);
  }
  const dir = join(repoRoot, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(results, null, 2));
  console.log(`\nresults: ${file}`);
}

await main();
