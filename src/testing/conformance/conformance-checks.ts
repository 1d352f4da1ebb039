/**
 * How the conformance suites (conformance/estimator-conformance.ts for estimators, conformance/recommender-conformance.ts
 * for recommenders, conformance/transformer-conformance.ts for transformers) run their named checks: as node:test sub-tests when given a test context, else
 * in order, prefixing a failure's message with the model and check names.
 */

/** The part of node:test's `TestContext` used to report each check as a sub-test. */
export interface ConformanceContext {
  test(name: string, fn: () => void | Promise<void>): Promise<unknown>;
}

/** A named check of one model; it throws (an assertion error) when the model breaks the contract. */
export type ConformanceCheck = [name: string, fn: () => void];

/**
 * Runs `checks` for the model `modelName`: each as a sub-test of `t`, or, without `t`, one after the
 * other, rethrowing the first failure as `modelName: check: message`.
 *
 * @example
 * await runConformanceChecks('ridge', [['fit returns this', () => assert.equal(m.fit(X, y), m)]], t);
 */
export async function runConformanceChecks(modelName: string, checks: ConformanceCheck[], t?: ConformanceContext): Promise<void> {
  for (const [name, fn] of checks) {
    if (t) await t.test(`${modelName}: ${name}`, fn);
    else {
      try {
        fn();
      } catch (e) {
        if (e instanceof Error) e.message = `${modelName}: ${name}: ${e.message}`;
        throw e;
      }
    }
  }
}
