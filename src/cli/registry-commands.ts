/**
 * `trainyard runs ls|show|compare` and `trainyard models ls|show|alias`: the tracking store and the
 * model registry from the command line — the same records the server's API and dashboard show.
 */
import type { Command } from 'commander';
import { STORE_HELP, withStore } from './with-store.js';
import { InvalidParamError, NotFoundError } from '../core/errors.js';
import { formatMetric, formatSeconds, headlineMetricKey, lowerIsBetter, MISSING } from '../report/format.js';
import { runDurationSeconds, type ListRunsOptions, type RunSortKey, type RunStatus, type RunSummary } from '../tracking/store.js';
import { intOption, NON_NEGATIVE } from './options.js';
import { textTable } from './text-table.js';

function emit(json: boolean | undefined, value: unknown, human: () => string): void {
  process.stdout.write(`${json ? JSON.stringify(value) : human()}\n`);
}

/** `--tag key` or `--tag key:value` as a listRuns filter. */
function parseTag(s: string): { key: string; value?: string } {
  const i = s.indexOf(':');
  return i < 0 ? { key: s } : { key: s.slice(0, i), value: s.slice(i + 1) };
}

function runsTable(runs: RunSummary[]): string {
  const rows = runs.map((r) => {
    const key = headlineMetricKey(r.metrics);
    const m = key === null ? null : ([key, r.metrics[key]] as const);
    const secs = runDurationSeconds(r);
    return [r.id, r.name, r.status, r.model ?? MISSING, m ? `${m[0]} ${formatMetric(m[1])}` : MISSING, secs === null ? MISSING : formatSeconds(secs), r.startedAt.slice(0, 19).replace('T', ' ')];
  });
  return textTable(['run', 'name', 'status', 'model', 'metric', 'duration', 'started (UTC)'], rows, { right: [5] });
}

export function addRunsCommand(program: Command): void {
  const runs = program.command('runs').description('list, show and compare the runs in a tracking store');
  runs
    .command('ls')
    .description('runs, newest first (filter by name, status, tag; sort by a field or a metric)')
    .option('--store <location>', STORE_HELP, 'trainyard.db')
    .option('--name <name>', 'only runs of this spec name')
    .option('--status <status>', 'running, finished, failed or interrupted')
    .option('--tag <key[:value]>', 'only runs with this tag (and value)')
    .option('--sort <key>', 'startedAt, name, status, duration or metric:<key> (e.g. metric:test.f1)', 'startedAt')
    .option('--asc', 'ascending order (default descending)')
    .option('--limit <n>', 'at most this many runs', intOption('--limit', { min: 1, max: 100_000 }), 20)
    .option('--offset <n>', 'skip this many runs', intOption('--offset', NON_NEGATIVE), 0)
    .option('--json', 'print { runs, total } as one JSON object')
    .action(async (o: { store: string; name?: string; status?: string; tag?: string; sort: string; asc?: boolean; limit: number; offset: number; json?: boolean }) => {
      const filter: ListRunsOptions = { name: o.name, status: o.status as RunStatus | undefined, tag: o.tag === undefined ? undefined : parseTag(o.tag) };
      const { list, total } = await withStore(o.store, async (s) => ({
        list: await s.listRuns({ ...filter, sort: o.sort as RunSortKey, order: o.asc ? 'asc' : 'desc', limit: o.limit, offset: o.offset }),
        total: await s.countRuns(filter),
      }));
      emit(o.json, { runs: list, total }, () => `${runsTable(list)}\n${list.length} of ${total} runs`);
    });

  runs
    .command('show')
    .description('one run: status, params (every hyper-parameter), metrics, tags, artifacts, registered versions')
    .argument('<run-id>')
    .option('--store <location>', STORE_HELP, 'trainyard.db')
    .option('--json', 'print the run as one JSON object')
    .action(async (id: string, o: { store: string; json?: boolean }) => {
      const shown = await withStore(o.store, async (s) => {
        const run = await s.getRun(id);
        if (!run) throw new NotFoundError(`no run '${id}' in store ${s.location}; list runs with \`trainyard runs ls\``, { runId: id });
        const artifacts = await s.listArtifacts(id);
        const registered = (await s.getModelVersions(run.name)).filter((v) => v.runId === id).map((v) => ({ name: run.name, version: v.version, aliases: v.aliases }));
        return { ...run, artifacts, registered };
      });
      emit(o.json, shown, () => {
        const secs = runDurationSeconds(shown);
        const lines = [`run ${shown.id}  ${shown.name}  ${shown.status}${secs === null ? '' : `  ${formatSeconds(secs)}`}  started ${shown.startedAt}`];
        if (shown.error) lines.push(`error ${shown.error.code}: ${shown.error.message}`);
        if (shown.note) lines.push(`note  ${shown.note}`);
        if (Object.keys(shown.tags).length) lines.push(`tags  ${Object.entries(shown.tags).map(([k, v]) => `${k}=${v}`).join(', ')}`);
        for (const r of shown.registered) lines.push(`model ${r.name} version ${r.version}${r.aliases.length ? ` (${r.aliases.join(', ')})` : ''}`);
        lines.push('', textTable(['param', 'value'], Object.entries(shown.params).map(([k, v]) => [k, JSON.stringify(v)])));
        lines.push('', textTable(['metric', 'value'], Object.entries(shown.metrics).map(([k, v]) => [k, formatMetric(v)]), { right: [1] }));
        if (shown.artifacts.length) lines.push('', textTable(['artifact', 'bytes', 'sha256'], shown.artifacts.map((a) => [a.name, String(a.size), a.sha256.slice(0, 12)]), { right: [1] }));
        return lines.join('\n');
      });
    });

  runs
    .command('compare')
    .description('runs side by side: final metrics (best marked *) and the params that differ')
    .argument('<run-ids...>', 'two or more run ids')
    .option('--store <location>', STORE_HELP, 'trainyard.db')
    .option('--json', 'print { runs, metrics, params } as one JSON object')
    .action(async (ids: string[], o: { store: string; json?: boolean }) => {
      if (ids.length < 2) throw new InvalidParamError(`runs compare needs two or more run ids, got ${ids.length}`, { runIds: ids });
      const found = await withStore(o.store, (s) =>
        Promise.all(ids.map(async (id) => (await s.getRun(id)) ?? Promise.reject(new NotFoundError(`no run '${id}' in store ${s.location}; list runs with \`trainyard runs ls\``, { runId: id })))),
      );
      const metricKeys = [...new Set(found.flatMap((r) => Object.keys(r.metrics)))].sort();
      const paramKeys = [...new Set(found.flatMap((r) => Object.keys(r.params)))].sort();
      const differing = paramKeys.filter((k) => new Set(found.map((r) => JSON.stringify(r.params[k]))).size > 1);
      const metrics = Object.fromEntries(metricKeys.map((k) => [k, found.map((r) => r.metrics[k] ?? null)]));
      const params = Object.fromEntries(differing.map((k) => [k, found.map((r) => r.params[k] ?? null)]));
      emit(o.json, { runs: ids, metrics, params }, () => {
        const metricRows = metricKeys.map((k) => {
          const vals = metrics[k];
          const finite = vals.filter((v): v is number => v !== null && Number.isFinite(v));
          const best = finite.length ? (lowerIsBetter(k) ? Math.min(...finite) : Math.max(...finite)) : NaN;
          return [k, ...vals.map((v) => (v === null ? MISSING : `${formatMetric(v)}${v === best && finite.length > 1 ? '*' : ' '}`))];
        });
        const paramRows = differing.map((k) => [k, ...params[k].map((v) => (v === null ? MISSING : JSON.stringify(v)))]);
        const right = ids.map((_, j) => j + 1);
        return [textTable(['metric', ...ids], metricRows, { right }), '', paramRows.length ? textTable(['param (differing)', ...ids], paramRows) : 'params: all equal'].join('\n');
      });
    });
}

export function addModelsCommand(program: Command): void {
  const models = program.command('models').description('the model registry: versions, lineage and aliases');
  models
    .command('ls')
    .description('registered models with their latest version and aliases')
    .option('--store <location>', STORE_HELP, 'trainyard.db')
    .option('--json', 'print { models } as one JSON object')
    .action(async (o: { store: string; json?: boolean }) => {
      const list = await withStore(o.store, (s) => s.listModels());
      emit(o.json, { models: list }, () =>
        textTable(['model', 'latest', 'aliases', 'updated (UTC)'], list.map((m) => [m.name, String(m.latestVersion), Object.entries(m.aliases).map(([a, v]) => `${a}→${v}`).join(', ') || MISSING, m.updatedAt.slice(0, 19).replace('T', ' ')]), { right: [1] }),
      );
    });

  models
    .command('show')
    .description("a model's versions: run, metrics, lineage (spec and data hashes), aliases")
    .argument('<name>')
    .option('--store <location>', STORE_HELP, 'trainyard.db')
    .option('--json', 'print { name, versions } as one JSON object')
    .action(async (name: string, o: { store: string; json?: boolean }) => {
      const versions = await withStore(o.store, async (s) => {
        const vs = await s.getModelVersions(name);
        if (vs.length === 0) throw new NotFoundError(`no model '${name}' in store ${s.location}; list models with \`trainyard models ls\``, { model: name });
        return vs;
      });
      emit(o.json, { name, versions }, () => {
        const rows = versions.map((v) => {
          const m = Object.entries(v.metrics).slice(0, 3).map(([k, x]) => `${k} ${formatMetric(x)}`).join(', ');
          return [String(v.version), v.runId, v.aliases.join(', ') || MISSING, m || MISSING, v.specHash.slice(0, 12) || MISSING, v.dataSha256?.slice(0, 12) ?? MISSING, v.description ?? ''];
        });
        return textTable(['version', 'run', 'aliases', 'metrics', 'spec', 'data', 'description'], rows, { right: [0] });
      });
    });

  models
    .command('alias')
    .description('point ALIAS of a model at VERSION (moving it), or remove it with --delete')
    .argument('<name>')
    .argument('<alias>', 'e.g. champion, staging')
    .argument('[version]', 'the version it points at')
    .option('--delete', 'remove the alias')
    .option('--store <location>', STORE_HELP, 'trainyard.db')
    .option('--json', 'print the result as one JSON object')
    .action(async (name: string, alias: string, versionText: string | undefined, o: { store: string; delete?: boolean; json?: boolean }) => {
      if (o.delete) {
        if (versionText !== undefined) throw new InvalidParamError('models alias --delete takes no version', { version: versionText });
        const removed = await withStore(o.store, (s) => s.deleteModelAlias(name, alias));
        if (!removed) throw new NotFoundError(`model '${name}' has no alias '${alias}'`, { model: name, alias });
        emit(o.json, { name, alias, deleted: true }, () => `removed alias ${alias} of ${name}`);
        return;
      }
      if (versionText === undefined) throw new InvalidParamError(`models alias needs a version: trainyard models alias ${name} ${alias} VERSION (or --delete)`, { model: name, alias });
      const version = intOption('version', { min: 1, max: 2147483647 })(versionText);
      await withStore(o.store, (s) => s.setModelAlias(name, alias, version));
      emit(o.json, { name, alias, version }, () => `${name}@${alias} → version ${version}`);
    });
}
