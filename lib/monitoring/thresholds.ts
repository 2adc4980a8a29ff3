/**
 * Capacity alarm thresholds shared by both clouds: the one place the 80 % / 95 % figures
 * live. AWS (Client VPN ActiveConnectionsCount per endpoint) and Azure (point-to-site
 * P2SConnectionCount per gateway) both alarm at these shares of the planned capacity.
 *
 * Why these two: at 80 % of planned capacity there is still time to add an endpoint or scale
 * units (a working-day operation), so it warns; at 95 % the next failure or surge refuses
 * connections, so it pages.
 */

/** How urgent an alarm is: a warning is read in working hours, a page wakes someone. */
export type AlarmSeverity = 'warning' | 'page';

export interface CapacityThreshold {
  /** Share of the planned capacity, in percent. */
  readonly percent: number;
  readonly severity: AlarmSeverity;
}

/** The capacity thresholds, lowest first. */
export const CAPACITY_THRESHOLDS: readonly CapacityThreshold[] = Object.freeze([
  Object.freeze({ percent: 80, severity: 'warning' as const }),
  Object.freeze({ percent: 95, severity: 'page' as const }),
]);

/** The threshold percents alone, lowest first: [80, 95]. */
export const CAPACITY_ALARM_PERCENTS: readonly number[] = Object.freeze(
  CAPACITY_THRESHOLDS.map((t) => t.percent),
);

/**
 * Connections at which an alarm of `percent` fires for a capacity of `capacity` connections:
 * rounded down, so the alarm never fires later than the stated share.
 */
export function capacityAlarmThreshold(capacity: number, percent: number): number {
  if (!Number.isFinite(capacity) || capacity < 0) {
    throw new RangeError(`capacity must be a non-negative number of connections (got ${capacity})`);
  }
  if (!(percent > 0 && percent <= 100)) {
    throw new RangeError(`percent must be in (0, 100] (got ${percent})`);
  }
  return Math.floor((capacity * percent) / 100);
}
