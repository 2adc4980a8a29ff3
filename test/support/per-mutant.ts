/**
 * A fixture value computed once per jest run, and for every test in a StrykerJS run.
 *
 * Stryker (coverageAnalysis 'perTest', stryker.config.mjs) records which tests execute each
 * mutant in its dry run, activates a mutant when a test starts, and runs only the tests that
 * covered it. A plan computed in a describe body or a beforeAll is computed before any test
 * starts (no mutant active, no test covering it); a plan cached across tests is computed while
 * the first test runs, so only that test would count as covering the planner. Read the value
 * in a beforeEach:
 *
 *   const hyogoPlan = perMutant(() => loadModel('hyogo').plan);
 *   let plan: CapacityPlan;
 *   beforeEach(() => { plan = hyogoPlan(); });
 *
 * Outside a mutation run (no `__stryker__` global) the value is computed once.
 */
export function perMutant<T>(compute: () => T): () => T {
  let cached: { value: T } | undefined;
  return () => {
    if (inMutationRun()) return compute();
    cached ??= { value: compute() };
    return cached.value;
  };
}

/**
 * True in a StrykerJS run (its instrumented code defines `__stryker__`): a value computed from
 * code under mutation must then be computed again in every test that reads it.
 */
export function inMutationRun(): boolean {
  return (globalThis as { __stryker__?: unknown }).__stryker__ !== undefined;
}
