import fc from 'fast-check';
import { Address4 } from 'ip-address';
import {
  addressCount,
  contains,
  formatCidr,
  isRfc1918,
  nthSubnet,
  overlaps,
  parseCidr,
  prefixLengthFor,
  subnetCount,
  tryParseCidr,
} from '../../lib/net/cidr';

describe('CIDR parsing', () => {
  it('parses a network and its bounds', () => {
    const cidr = parseCidr('10.64.0.0/12');
    expect(cidr.prefixLength).toBe(12);
    expect(addressCount(cidr)).toBe(1_048_576n);
  });

  it.each([
    ['10.0.0.1/8', /host bits set \(the network address is 10\.0\.0\.0\/8\)/],
    ['banana', /not an IPv4 CIDR/],
    ['10.0.0.0', /not an IPv4 CIDR/],
    ['300.0.0.0/8', /not a valid/],
    ['10.0.0.0/33', /not a valid|above 32/],
  ])('rejects %s with a reason', (text, reason) => {
    const result = tryParseCidr(text);
    expect(typeof result).toBe('string');
    expect(result).toMatch(reason);
  });
});

describe('CIDR set operations', () => {
  it('detects overlap and containment', () => {
    const lan = parseCidr('10.0.0.0/13');
    const myNumber = parseCidr('10.8.0.0/16');
    expect(overlaps(lan, myNumber)).toBe(false);
    expect(overlaps(parseCidr('10.0.0.0/12'), myNumber)).toBe(true);
    expect(contains(parseCidr('10.0.0.0/12'), myNumber)).toBe(true);
    expect(contains(myNumber, parseCidr('10.0.0.0/12'))).toBe(false);
  });

  it('carves the n-th block by index and refuses blocks outside the parent', () => {
    const block = parseCidr('10.64.0.0/12');
    expect(nthSubnet(block, 14, 0)?.text).toBe('10.64.0.0/14');
    expect(nthSubnet(block, 14, 3)?.text).toBe('10.76.0.0/14');
    expect(nthSubnet(block, 14, 4)).toBeUndefined();
    expect(nthSubnet(block, 10, 0)).toBeUndefined();
    expect(subnetCount(block, 14)).toBe(4);
  });

  it('sizes prefixes for address counts', () => {
    expect(prefixLengthFor(133_000)).toBe(14);
    expect(prefixLengthFor(131_072)).toBe(15);
    expect(prefixLengthFor(10_000)).toBe(18);
  });

  it('classifies RFC 1918 space', () => {
    expect(isRfc1918(parseCidr('172.20.0.0/20'))).toBe(true);
    expect(isRfc1918(parseCidr('100.64.0.0/20'))).toBe(false);
  });
});

describe('parsing and formatting agree with ip-address', () => {
  // The rules lib/net/cidr.ts replaced: Address4.isValid, its network address and correctForm.
  const reference = (text: string): string => {
    if (!/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(text)) return 'shape';
    if (!Address4.isValid(text)) return 'invalid';
    const address = new Address4(text);
    const first = address.startAddress().bigInt();
    if (new Address4(text.split('/')[0]!).bigInt() !== first)
      return `host ${address.startAddress().correctForm()}`;
    return `ok ${first} ${address.subnetMask}`;
  };
  const ours = (text: string): string => {
    const result = tryParseCidr(text);
    if (typeof result !== 'string') return `ok ${result.first} ${result.prefixLength}`;
    if (result.startsWith('is not an IPv4 CIDR block of the form')) return 'shape';
    if (result === 'is not a valid IPv4 CIDR block') return 'invalid';
    return `host ${/network address is ([\d.]+)\//.exec(result)?.[1]}`;
  };
  const octet = fc.oneof(
    fc.integer({ min: 0, max: 255 }).map(String),
    fc.integer({ min: 0, max: 999 }).map(String),
    fc.integer({ min: 0, max: 99 }).map((n) => `0${n}`),
  );
  const prefix = fc.oneof(
    fc.integer({ min: 0, max: 32 }).map(String),
    fc.integer({ min: 0, max: 99 }).map(String),
  );

  it('accepts, rejects and reports host bits exactly as ip-address', () => {
    fc.assert(
      fc.property(fc.tuple(octet, octet, octet, octet, prefix), ([a, b, c, d, n]) => {
        const text = `${a}.${b}.${c}.${d}/${n}`;
        expect(ours(text)).toBe(reference(text));
      }),
      { numRuns: 1500 },
    );
    for (const text of [
      'banana',
      '10.0.0.0',
      '10.0.0.0/',
      '10.0.0/8',
      ' 10.0.0.0/8',
      '10.0.0.0/008',
      '1.2.3.4/08',
    ])
      expect(ours(text)).toBe(reference(text));
  });

  it('formats every address as correctForm does', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: (1n << 32n) - 1n }),
        fc.integer({ min: 0, max: 32 }),
        (value, n) => {
          expect(formatCidr(value, n)).toBe(`${Address4.fromBigInt(value).correctForm()}/${n}`);
        },
      ),
      { numRuns: 1000 },
    );
    expect(() => formatCidr(1n << 32n, 0)).toThrow(/range/);
    expect(() => formatCidr(-1n, 0)).toThrow(/range/);
  });
});
