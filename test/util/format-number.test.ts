import fc from 'fast-check';
import { formatNumber } from '../../lib/util/format-number';

const FRACTIONS = [
  {},
  { maximumFractionDigits: 0 },
  { maximumFractionDigits: 4 },
  { minimumFractionDigits: 0, maximumFractionDigits: 0 },
  { minimumFractionDigits: 2, maximumFractionDigits: 2 },
] as const;

describe('formatNumber (Intl-free en-US number text)', () => {
  it.each([
    [0, {}, '0'],
    [999, {}, '999'],
    [1000, {}, '1,000'],
    [121104, {}, '121,104'],
    [-1234567.891, {}, '-1,234,567.891'],
    [0.0005, {}, '0.001'],
    [2.5, { maximumFractionDigits: 0 }, '3'],
    [-2.5, { maximumFractionDigits: 0 }, '-3'],
    // ICU rounds the shortest decimal (1.005), not the double's exact value (1.00499...).
    [1.005, { minimumFractionDigits: 2, maximumFractionDigits: 2 }, '1.01'],
    [9.9995, {}, '10'],
    [999999.5, { maximumFractionDigits: 0 }, '1,000,000'],
    [0.5, { maximumFractionDigits: 0 }, '1'],
    [-0.0001, {}, '-0'],
    [1e-7, { maximumFractionDigits: 4 }, '0'],
    [142080.78, { minimumFractionDigits: 2, maximumFractionDigits: 2 }, '142,080.78'],
    [0.0125, { maximumFractionDigits: 4 }, '0.0125'],
  ])('%p with %p is %p', (value, options, text) => {
    expect(formatNumber(value, options)).toBe(text);
    expect(text).toBe(value.toLocaleString('en-US', options));
  });

  it('equals toLocaleString("en-US") for any double, with each option set the code uses', () => {
    const values = fc.oneof(
      fc.double({ noNaN: false }),
      fc.integer({ min: -1e12, max: 1e12 }),
      fc.integer({ min: -1e9, max: 1e9 }).map((n) => n / 1000),
      fc.integer({ min: -1e7, max: 1e7 }).map((n) => n / 200),
    );
    fc.assert(
      fc.property(values, fc.constantFrom(...FRACTIONS), (value, options) => {
        expect(formatNumber(value, options)).toBe(value.toLocaleString('en-US', options));
      }),
      { numRuns: 1000 },
    );
  });
});
