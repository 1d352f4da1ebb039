/**
 * The one registry helper behind every "name → factory" table (models, recommenders, transformers):
 * names come from specs and model files, i.e. from outside, so a lookup matches own entries only —
 * `toString`, `constructor` or `__proto__` are unknown names, never something inherited — and an
 * unknown name is a `TrainyardError` naming it and listing the known ones. Each layer wraps one
 * `Registry` in its own typed functions (`getModel`, `getRecommender`, `transformerFromState`).
 */
import { InvalidParamError, type TrainyardError } from './errors.js';

/** How a registry names its entries in error messages. */
export interface RegistryOptions {
  /** Singular noun for one entry, e.g. `model`. */
  kind: string;
  /** Plural noun; default `${kind}s`. */
  plural?: string;
  /** The parameter or spec key the name comes from (error `details.param`); default `kind`. */
  param?: string;
}

/**
 * A typed name → entry map. Entries keep registration order (`list`, `names`); error messages list
 * the known names sorted, so they read the same whatever the registration order.
 *
 * @example
 * const shapes = new Registry<{ sides: number }>({ kind: 'shape' });
 * shapes.register('triangle', { sides: 3 });
 * shapes.get('triangle').sides; // 3
 * shapes.get('toString');       // E_INVALID_PARAM: unknown shape 'toString'; known shapes: triangle
 */
export class Registry<E> {
  // A Map, not a plain object: `get` can then never reach Object.prototype.
  private readonly entries = new Map<string, E>();
  private readonly kind: string;
  private readonly plural: string;
  private readonly param: string;

  constructor(options: RegistryOptions) {
    this.kind = options.kind;
    this.plural = options.plural ?? `${options.kind}s`;
    this.param = options.param ?? options.kind;
  }

  /** Adds `entry` under `name`, replacing an entry of the same name; `name` must be a non-empty string. */
  register(name: string, entry: E): void {
    if (typeof name !== 'string' || name === '') {
      throw new InvalidParamError(`cannot register a ${this.kind} under the name ${JSON.stringify(name)}; give it a non-empty string name`, { param: this.param, value: name });
    }
    this.entries.set(name, entry);
  }

  /** Whether `name` is a registered name (own entries only). */
  has(name: unknown): name is string {
    return typeof name === 'string' && this.entries.has(name);
  }

  /** The entry for `name`, or undefined for an unknown (or non-string) name. */
  find(name: unknown): E | undefined {
    return typeof name === 'string' ? this.entries.get(name) : undefined;
  }

  /**
   * The entry for `name`. An unknown name throws `onUnknown(name, knownSorted)` when given (e.g. an
   * `E_MODEL_FILE` error for a name read from a model file), else `E_INVALID_PARAM` listing the known names.
   */
  get(name: unknown, onUnknown?: (name: unknown, known: string[]) => TrainyardError): E {
    const e = this.find(name);
    if (e !== undefined) return e;
    const known = [...this.entries.keys()].sort();
    if (onUnknown) throw onUnknown(name, known);
    throw new InvalidParamError(`unknown ${this.kind} '${String(name)}'; known ${this.plural}: ${known.join(', ')}`, { param: this.param, value: name, allowed: known });
  }

  /** The registered names, in registration order. */
  names(): string[] {
    return [...this.entries.keys()];
  }

  /** The entries, in registration order. */
  list(): E[] {
    return [...this.entries.values()];
  }
}
