/**
 * A fixture value computed once per jest run, and again whenever StrykerJS activates another
 * mutant. Stryker (coverageAnalysis 'perTest', stryker.config.mjs) activates a mutant when a
 * test starts; a plan computed in a describe body or a beforeAll is computed before that, so
 * every planner mutant would "survive" the assertions on it. Read the value in a beforeEach
 * (which runs after the mutant is active):
 *
 *   const hyogoPlan = perMutant(() => loadModel('hyogo').plan);
 *   let plan: CapacityPlan;
 *   beforeEach(() => { plan = hyogoPlan(); });
 *
 * Outside a mutation run there is no active mutant, so the value is computed once.
 */
export function perMutant<T>(compute: () => T): () => T {
  let computedFor: unknown = Symbol('never');
  let value: T;
  return () => {
    const active = (globalThis as { __stryker__?: { activeMutant?: unknown } }).__stryker__?.activeMutant;
    if (active !== computedFor) {
      value = compute();
      computedFor = active;
    }
    return value;
  };
}
