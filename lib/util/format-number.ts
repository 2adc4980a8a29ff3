/**
 * `value.toLocaleString('en-US', { minimumFractionDigits, maximumFractionDigits })` without
 * Intl: the first Intl call of a process loads ICU's locale data, about 30 ms of every
 * `tsunagi plan` and `validate` on a 2-core machine. Same text for every finite number
 * below 1e21: like ICU, it rounds the shortest decimal that reads back as the double (what
 * `toExponential()` prints; 1.005 rounds to 1.01, where `toFixed` would give 1.00) half away
 * from zero, drops trailing zeros down to the minimum and groups the integer part by
 * thousands with commas. Anything else (NaN, infinities, -0, 1e21 and above) goes to Intl.
 * test/util/format-number.test.ts compares it with Intl on random doubles.
 */
export function formatNumber(
  value: number,
  options: { readonly minimumFractionDigits?: number; readonly maximumFractionDigits?: number } = {},
): string {
  const max = options.maximumFractionDigits ?? Math.max(3, options.minimumFractionDigits ?? 0);
  const min = options.minimumFractionDigits ?? Math.min(0, max);
  if (!Number.isFinite(value) || Object.is(value, -0) || Math.abs(value) >= 1e21 || min > max) {
    return value.toLocaleString('en-US', options);
  }
  const [mantissa = '0', exponent = '0'] = Math.abs(value).toExponential().split('e');
  // digits[0..integerDigits) is the integer part, the rest the fraction.
  let digits = mantissa.replace('.', '');
  let integerDigits = Number(exponent) + 1;
  if (integerDigits <= 0) {
    digits = '0'.repeat(1 - integerDigits) + digits;
    integerDigits = 1;
  }
  digits = digits.padEnd(integerDigits, '0');
  const kept = integerDigits + max;
  if (digits.length > kept) {
    const up = digits.charCodeAt(kept) >= 53; // '5'
    digits = digits.slice(0, kept);
    if (up) {
      const carried = increment(digits);
      if (carried.length > digits.length) integerDigits++;
      digits = carried;
    }
  }
  const integer = digits.slice(0, integerDigits);
  let fraction = digits.slice(integerDigits).padEnd(min, '0');
  while (fraction.length > min && fraction.endsWith('0')) fraction = fraction.slice(0, -1);
  let grouped = '';
  for (let end = integer.length; end > 0; end -= 3) {
    grouped = integer.slice(Math.max(0, end - 3), end) + (grouped ? `,${grouped}` : '');
  }
  return `${value < 0 ? '-' : ''}${grouped}${fraction ? `.${fraction}` : ''}`;
}

/** A decimal digit string plus one in its last place ("199" -> "200", "99" -> "100"). */
function increment(digits: string): string {
  let i = digits.length - 1;
  while (i >= 0 && digits[i] === '9') i--;
  if (i < 0) return `1${'0'.repeat(digits.length)}`;
  return (
    digits.slice(0, i) + String.fromCharCode(digits.charCodeAt(i) + 1) + '0'.repeat(digits.length - i - 1)
  );
}
