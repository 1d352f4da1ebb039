/**
 * What a fold event says about its task: the candidate's model and the parameter setting the task
 * tried. Tasks report only their id (`c<candidate>.<config>/f<fold>`); the setting is recovered the
 * way the run plans it (experiment/tabular/plan.ts): the candidate's grid expanded, or its random
 * draws, from the spec — only the parameters the spec names, not every default.
 */
import { getModel } from '../models/registry.js';
import { candidateSettings, type CandidateSpec, type SearchSampling } from '../experiment/run/search-size.js';

/** A task's model and parameter setting, by candidate and configuration index. */
export type FoldLabeller = (candidate: number, config: number) => { model?: string; params?: Record<string, unknown> };

/**
 * Labels for the tasks of `spec`. Settings are expanded once per candidate, when first asked; a
 * candidate whose settings cannot be recovered (a recommender, a halving round) gets its model only.
 *
 * @example
 * const label = foldLabeller(loaded.spec);
 * label(0, 1); // { model: 'logistic_regression', params: { C: 1 } }
 */
export function foldLabeller(spec: { task?: string; select: { candidates: CandidateSpec[]; search?: { method?: string; sample?: boolean; iterations?: number; seed?: number } } }): FoldLabeller {
  const cache = new Map<number, Record<string, unknown>[] | null>();
  const search = spec.select.search ?? {};
  const sampling: SearchSampling =
    search.method === 'random' || (search.method === 'halving' && search.sample) ? { sample: true, iterations: search.iterations ?? 10, seed: search.seed ?? 0 } : { sample: false };
  const settingsOf = (ci: number): Record<string, unknown>[] | null => {
    if (!cache.has(ci)) {
      let settings: Record<string, unknown>[] | null = null;
      const c = spec.select.candidates[ci];
      if (c && spec.task !== 'recommend') {
        try {
          settings = candidateSettings('spec', ci, c, getModel(c.model).defaults(), sampling);
        } catch {
          settings = null;
        }
      }
      cache.set(ci, settings);
    }
    return cache.get(ci)!;
  };
  return (candidate, config) => {
    const model = spec.select.candidates[candidate]?.model;
    const params = settingsOf(candidate)?.[config];
    return { ...(model ? { model } : {}), ...(params ? { params } : {}) };
  };
}
