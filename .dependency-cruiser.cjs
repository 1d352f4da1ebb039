// The layer order of docs/architecture (README "Architecture"): a layer imports only layers before it.
// `npm run check:layers` (run by CI) fails on an upward import, an import cycle, production code that
// imports test or bench support, or a driver imported outside the layer that owns it.
const LAYERS = ['core', 'kernels', 'data', 'preprocess', 'metrics', 'selection', 'models', 'tracking', 'execution', 'report', 'experiment', 'server', 'cli'];
const SUPPORT = '^src/(testing|bench)/|[.]test([.-]helpers)?[.]ts$';
const PRODUCTION = { path: '^src/', pathNot: SUPPORT };

const upward = LAYERS.map((layer, i) => ({
  name: `layer-${layer}`,
  comment: `${layer} may import only ${LAYERS.slice(0, i).join(', ') || 'nothing of trainyard'}`,
  severity: 'error',
  from: { path: `^src/${layer}/`, pathNot: SUPPORT },
  to: { path: `^src/(${LAYERS.slice(i + 1).join('|')})/` },
})).filter((r) => r.to.path !== '^src/()/');

module.exports = {
  forbidden: [
    ...upward,
    { name: 'no-cycles', severity: 'error', from: {}, to: { circular: true } },
    { name: 'no-support-in-production', comment: 'test and bench support never ships', severity: 'error', from: PRODUCTION, to: { path: SUPPORT } },
    {
      name: 'queue-drivers-in-execution',
      comment: 'bullmq and ioredis are execution/’s business',
      severity: 'error',
      from: { path: '^src/', pathNot: `^src/execution/|${SUPPORT}` },
      to: { path: 'node_modules/(bullmq|ioredis)/' },
    },
    {
      name: 'database-drivers-in-data-and-tracking',
      comment: 'DuckDB, SQLite, pg and mysql2 are loaded by the data readers and the stores only',
      severity: 'error',
      from: { path: '^src/', pathNot: `^src/(data|tracking)/|${SUPPORT}` },
      to: { path: 'node_modules/(@duckdb|better-sqlite3|pg|mysql2)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
