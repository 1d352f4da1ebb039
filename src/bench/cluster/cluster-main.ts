/**
 * `npm run bench:cluster [-- overhead search data-parallel]`: the cluster benchmark (see cluster.ts), all
 * sections unless some are named; results in bench/results/cluster-<time>.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../testing/paths.js';
import { benchCluster, CLUSTER_SECTIONS, type ClusterSection } from './cluster.js';

const asked = process.argv.slice(2);
const unknown = asked.filter((a) => !(CLUSTER_SECTIONS as readonly string[]).includes(a));
if (unknown.length) {
  console.error(`bench:cluster: unknown section ${unknown.map((u) => `'${u}'`).join(', ')}; choose from ${CLUSTER_SECTIONS.join(', ')}`);
  process.exit(2);
}
const results = await benchCluster(asked.length ? (asked as ClusterSection[]) : CLUSTER_SECTIONS);
const dir = join(repoRoot, 'bench', 'results');
mkdirSync(dir, { recursive: true });
const file = join(dir, `cluster-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
writeFileSync(file, JSON.stringify(results, null, 2));
console.log(`results: ${file}`);
process.exit(0);
