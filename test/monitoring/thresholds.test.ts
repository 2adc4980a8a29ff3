import {
  CAPACITY_ALARM_PERCENTS,
  CAPACITY_THRESHOLDS,
  capacityAlarmThreshold,
} from '../../lib/monitoring/thresholds';

describe('capacity alarm thresholds (single source for both clouds)', () => {
  it('are 80 % (warning) and 95 % (page)', () => {
    expect(CAPACITY_THRESHOLDS).toEqual([
      { percent: 80, severity: 'warning' },
      { percent: 95, severity: 'page' },
    ]);
    expect(CAPACITY_ALARM_PERCENTS).toEqual([80, 95]);
  });

  it('rounds down, so an alarm never fires later than its share', () => {
    expect(capacityAlarmThreshold(66_500, 80)).toBe(53_200);
    expect(capacityAlarmThreshold(66_500, 95)).toBe(63_175);
    expect(capacityAlarmThreshold(7_001, 95)).toBe(6_650);
  });

  it('refuses nonsense input with the value in the message', () => {
    expect(() => capacityAlarmThreshold(-1, 80)).toThrow(/got -1/);
    expect(() => capacityAlarmThreshold(100, 0)).toThrow(/got 0/);
    expect(() => capacityAlarmThreshold(100, 120)).toThrow(/got 120/);
  });
});
