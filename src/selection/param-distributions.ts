/**
 * Random search (Bergstra & Bengio 2012): each parameter is a fixed value, a list to choose from, or a
 * distribution — `{ uniform: [lo, hi] }`, `{ logUniform: [lo, hi] }`, `{ int: [lo, hi] }` (inclusive),
 * `{ choice: [...] }`. Draws come from the seeded Rng, so the same seed samples the same candidates.
 */
import { InvalidParamError } from '../core/errors.js';
import { Rng } from '../core/rng.js';

type Distribution = { uniform: [number, number] } | { logUniform: [number, number] } | { int: [number, number] } | { choice: unknown[] };

function isDistribution(v: unknown): v is Distribution {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const keys = Object.keys(v);
  return keys.length === 1 && ['uniform', 'logUniform', 'int', 'choice'].includes(keys[0]);
}

function range(name: string, r: unknown, positive = false): [number, number] {
  if (!Array.isArray(r) || r.length !== 2 || !r.every((x) => typeof x === 'number' && Number.isFinite(x)) || r[0] > r[1] || (positive && r[0] <= 0)) {
    throw new InvalidParamError(`parameter '${name}': a range must be [low, high] with low <= high${positive ? ' and low > 0' : ''}, got ${JSON.stringify(r)}`, { param: name, value: r });
  }
  return r as [number, number];
}

function draw(name: string, spec: unknown, valueIsList: boolean, rng: Rng): unknown {
  if (isDistribution(spec)) {
    if ('uniform' in spec) {
      const [lo, hi] = range(name, spec.uniform);
      return lo + (hi - lo) * rng.random();
    }
    if ('logUniform' in spec) {
      const [lo, hi] = range(name, spec.logUniform, true);
      return Math.exp(Math.log(lo) + (Math.log(hi) - Math.log(lo)) * rng.random());
    }
    if ('int' in spec) {
      const [lo, hi] = range(name, spec.int);
      return Math.ceil(lo) + rng.int(Math.floor(hi) - Math.ceil(lo) + 1);
    }
    return spec.choice[rng.int(spec.choice.length)];
  }
  if (Array.isArray(spec) && !(valueIsList && !spec.every(Array.isArray))) return spec[rng.int(spec.length)];
  return spec;
}

/** `iterations` parameter settings sampled from `space` (defaults tell which params are list-valued). */
export function sampleParams(space: Record<string, unknown>, defaults: Record<string, unknown>, iterations: number, seed: number): Record<string, unknown>[] {
  if (!Number.isInteger(iterations) || iterations < 1) {
    throw new InvalidParamError(`random search needs iterations >= 1, got ${iterations}`, { param: 'iterations', value: iterations });
  }
  const rng = new Rng(seed);
  return Array.from({ length: iterations }, () => Object.fromEntries(Object.entries(space).map(([k, v]) => [k, draw(k, v, Array.isArray(defaults[k]), rng)])));
}
