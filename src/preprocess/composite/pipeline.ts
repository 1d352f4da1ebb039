/**
 * An ordered chain of transformers, after scikit-learn's `Pipeline`: `fit` fits each step on the
 * previous step's output of the training rows, `transform` applies them in order. Parameters nest as
 * `step__param` (composite-params.ts), so a search can tune `scale__withMean` through the pipeline.
 * Saved as data only: each step's state in order, rebuilt by `transformerFromState`.
 */
import { ModelFileError } from '../../core/errors.js';
import type { EstimatorState, StateValue } from '../../core/estimator.js';
import type { Frame } from '../../core/frame.js';
import { stateList, stateObject, stateString } from '../../core/state-check.js';
import { checkChildNames, flattenParams, routeParams } from './composite-params.js';
import { Transformer } from '../transformer.js';

/** One named step. */
export type PipelineStep = [name: string, transformer: Transformer];

interface PipelineFitted {
  nSteps: number;
}

/** Runs transformers in sequence; fitted on training rows, applied anywhere. */
export class Pipeline extends Transformer<Record<string, unknown>, PipelineFitted> {
  readonly type = 'pipeline';
  private steps: PipelineStep[];
  /** Build-time notes (e.g. which columns `buildPreprocessor` left out and why); not saved. */
  notes: string[] = [];

  constructor(steps: PipelineStep[] = []) {
    super({}, {});
    this.steps = steps.map(([n, t]) => [n, t]);
  }

  /** The steps, in order (the transformers themselves, not copies). */
  get namedSteps(): readonly PipelineStep[] {
    return this.steps;
  }

  /** The transformer of step `name`, or undefined. */
  step(name: string): Transformer | undefined {
    return this.steps.find(([n]) => n === name)?.[1];
  }

  /** Nested parameters: `{ 'scale__withMean': true, ... }`. */
  override getParams(): Record<string, unknown> {
    return flattenParams(this.steps);
  }

  /** Sets nested parameters (`step__param`) or replaces a step (`{ scale: new RobustScaler() }`). */
  override setParams(params: Record<string, unknown>): this {
    // Called by the base constructor before `steps` exists; only an empty object reaches it then.
    routeParams('Pipeline', params, this.steps ?? [], (name, t) => {
      this.steps = this.steps.map(([n, s]) => [n, n === name ? t : s]);
    }, []);
    return this;
  }

  override clone(): this {
    return new Pipeline(this.steps.map(([n, t]) => [n, t.clone()])) as this;
  }

  fit(frame: Frame): this {
    this.fitTransform(frame);
    return this;
  }

  override fitTransform(frame: Frame): Frame {
    checkChildNames('Pipeline', this.steps.map(([n]) => n));
    let out = frame;
    for (const [, t] of this.steps) out = t.fitTransform(out);
    this.fitted = { nSteps: this.steps.length };
    return out;
  }

  transform(frame: Frame): Frame {
    this.requireFitted();
    let out = frame;
    for (const [, t] of this.steps) out = t.transform(out);
    return out;
  }

  override toState(): EstimatorState {
    this.requireFitted();
    return {
      type: this.type,
      params: {},
      fitted: { steps: this.steps.map(([name, t]) => ({ name, state: t.toState() as unknown as StateValue })) },
    };
  }

  /** Restores into a pipeline of the same shape (same step names and types), e.g. one built by `transformerFromState`. */
  override restoreState(state: EstimatorState): this {
    const saved = pipelineStepStates(state);
    if (saved.length !== this.steps.length || saved.some((s, k) => s.name !== this.steps[k][0] || s.state.type !== this.steps[k][1].type)) {
      throw new ModelFileError(
        `model file: saved pipeline steps [${saved.map((s) => `${s.name}:${s.state.type}`).join(', ')}] do not match this pipeline's [${this.steps.map(([n, t]) => `${n}:${t.type}`).join(', ')}]`,
      );
    }
    saved.forEach((s, k) => this.steps[k][1].restoreState(s.state));
    this.fitted = { nSteps: saved.length };
    return this;
  }

  protected checkFitted(f: { [key: string]: StateValue }): PipelineFitted {
    return { nSteps: stateList(f, 'steps').length };
  }
}

/** The saved steps of a pipeline state, schema-checked. */
export function pipelineStepStates(state: EstimatorState): { name: string; state: EstimatorState }[] {
  return stateList(state.fitted, 'steps').map((entry, k) => {
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry) || ArrayBuffer.isView(entry)) {
      throw new ModelFileError(`model file: pipeline step ${k} must be an object`);
    }
    const e = entry as { [key: string]: StateValue };
    return { name: stateString(e, 'name'), state: checkEstimatorState(stateObject(e, 'state'), `pipeline step ${k}`) };
  });
}

/** Checks the `{ type, params, fitted }` envelope of a nested saved state. */
export function checkEstimatorState(s: { [key: string]: StateValue }, where: string): EstimatorState {
  if (typeof s.type !== 'string') throw new ModelFileError(`model file: ${where} has no 'type'`);
  stateObject(s, 'params');
  stateObject(s, 'fitted');
  return s as unknown as EstimatorState;
}
