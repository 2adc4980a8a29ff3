/** Requirements: what each scenario must carry, in connections. */
import type { Scenario } from '../model/plan';

export interface Requirement {
  readonly scenario: Scenario;
  /** Percent of the target this scenario must carry (0 = not required). */
  readonly percent: number;
}

/** Connections a requirement asks for; percent arithmetic keeps 90,000 x 110 % at 99,000. */
export function requiredConnections(target: number, percent: number): number {
  return Math.ceil((target * percent) / 100 - 1e-9);
}
