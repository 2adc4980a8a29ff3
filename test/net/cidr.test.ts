import {
  addressCount,
  contains,
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
