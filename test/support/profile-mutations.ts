/**
 * Profiles generated the way a prefecture edits its own: start from a valid fixture
 * (test/fixtures/profiles) and change a few fields -- a number, a CIDR, a name, an enum
 * value, an optional block removed or borrowed from the other fixture, a list shortened or
 * lengthened, one cloud dropped. For the gate's property tests (test/gate/).
 */
import fc from 'fast-check';
import { type MutableProfile, profileObject as readFixture } from './profiles';

const parsed = new Map<string, MutableProfile>();
/** A fresh copy of a fixture's parsed YAML (each is read once per process). */
function profileObject(name: string): MutableProfile {
  if (!parsed.has(name)) parsed.set(name, readFixture(name));
  return structuredClone(parsed.get(name));
}

export type PathSegment = string | number;
export const FIXTURES = ['hyogo', 'iwate'] as const;

/** One edit, chosen by indexes so fast-check can shrink it. */
export interface MutationSeed {
  readonly path: number;
  readonly kind: number;
  readonly value: number;
}

/** Values each enum-like field may take, beyond those the fixtures use. */
const ENUMS: Record<string, readonly string[]> = {
  provider: ['aws', 'azure'],
  type: [
    'site-to-site-vpn',
    'direct-connect',
    'expressroute',
    'prefectural-network-vpn',
    'vpn',
    'direct-connect-hosted',
    'data-centre',
  ],
  at: [
    'aws',
    'azure',
    'data-centre',
    'carrier',
    'aws:ap-northeast-1',
    'aws:ap-northeast-3',
    'azure:japaneast',
  ],
  to: ['aws:ap-northeast-1', 'aws:ap-northeast-3', 'azure:japaneast', 'azure:japanwest'],
  region: ['ap-northeast-1', 'ap-northeast-3', 'japaneast', 'japanwest', 'us-east-1'],
  hubRegion: ['japaneast', 'japanwest'],
  tier: ['Local', 'Standard', 'Premium'],
  family: ['MeteredData', 'UnlimitedData'],
  peeringLocation: ['Tokyo', 'Tokyo2', 'Tokyo3', 'Osaka'],
  failure: ['availability-zone', 'region', 'provider'],
  mode: ['managed-ad', 'on-premises'],
  edition: ['Standard', 'Enterprise'],
  source: ['mdm', 'crl'],
  transportProtocol: ['udp', 'tcp'],
  direction: ['one-way-outgoing', 'one-way-incoming', 'two-way'],
  sku: ['Standard', 'Enterprise', 'Premium'],
  whenUnavailable: ['allow', 'deny'],
};

const NUMBERS = [
  0, -1, 1, 2, 3, 7, 10, 24, 29, 30, 64, 100, 500, 1000, 1500, 4094, 4095, 10_000, 50_000, 64_512, 65_000,
  65_535, 100_000, 1_000_000, 4_200_000_000, 4_294_967_295, 0.5,
];

const CIDR = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Every path in the object (containers and leaves), depth first. */
export function pathsOf(value: unknown, prefix: PathSegment[] = []): PathSegment[][] {
  const out: PathSegment[][] = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...pathsOf(v, [...prefix, i])));
  else if (isRecord(value))
    for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...prefix, k]));
  return out;
}

function getAt(root: unknown, path: readonly PathSegment[]): unknown {
  let node = root;
  for (const s of path) node = (node as Record<PathSegment, unknown>)?.[s];
  return node;
}

function setAt(root: unknown, path: readonly PathSegment[], value: unknown): void {
  const parent = getAt(root, path.slice(0, -1)) as Record<PathSegment, unknown>;
  parent[path[path.length - 1]!] = value;
}

function deleteAt(root: unknown, path: readonly PathSegment[]): void {
  const parent = getAt(root, path.slice(0, -1));
  const last = path[path.length - 1]!;
  if (Array.isArray(parent) && typeof last === 'number') parent.splice(last, 1);
  else if (isRecord(parent)) delete parent[last as string];
}

/** Values seen under each key name in both fixtures: realistic replacements for a field. */
let seenCache: Map<string, unknown[]> | undefined;
function seenValues(): Map<string, unknown[]> {
  if (seenCache) return seenCache;
  const seen = new Map<string, unknown[]>();
  for (const name of FIXTURES) {
    const root = profileObject(name);
    for (const path of pathsOf(root)) {
      const key = [...path].reverse().find((s) => typeof s === 'string');
      const value = getAt(root, path);
      if (key === undefined || (typeof value !== 'string' && typeof value !== 'number')) continue;
      const list = seen.get(key) ?? [];
      if (!list.includes(value)) list.push(value);
      seen.set(key, list);
    }
  }
  seenCache = seen;
  return seen;
}

function mutateCidr(text: string, pick: number): string {
  const m = CIDR.exec(text)!;
  const [a, b, c, d, p] = m.slice(1).map(Number) as [number, number, number, number, number];
  const options = [
    `${a}.${b}.${c}.${d}/${Math.max(0, p - 1)}`,
    `${a}.${b}.${c}.${d}/${Math.min(32, p + 1)}`,
    `${a}.${b}.${c}.${d}/8`,
    `${a}.${b}.${c}.${d}/30`,
    `${a}.${b}.${c}.${d}/32`,
    `${a}.${(b + 1) % 256}.${c}.${d}/${p}`,
    `${a}.${b}.${(c + 16) % 256}.${d}/${p}`,
    `10.0.0.0/8`,
    `192.168.0.0/16`,
    `52.96.0.0/14`, // Microsoft 365 Optimize (Exchange Online)
    `13.107.64.0/18`, // Microsoft 365 Optimize (Teams)
    `8.8.8.0/24`,
    `${a}.${b}.${c}.${d + 1}/${p}`,
    `${a}.${b}.${c}.${d}`,
  ];
  return options[pick % options.length]!;
}

/** The other fixture's value at the same path, when it has one. */
function borrowed(path: readonly PathSegment[], base: string): unknown {
  const other = profileObject(base === 'hyogo' ? 'iwate' : 'hyogo');
  const value = getAt(other, path);
  return value === undefined ? undefined : structuredClone(value);
}

/** Applies one edit; returns a short description for the failure report. */
export function applyMutation(profile: MutableProfile, base: string, seed: MutationSeed): string {
  const paths = pathsOf(profile).filter((p) => p.length > 0);
  const path = paths[seed.path % paths.length]!;
  const value = getAt(profile, path);
  const key = [...path].reverse().find((s) => typeof s === 'string') ?? '';
  const where = path.join('.');
  const kind = seed.kind % 4;
  // Kind 3 for every value: remove it (an optional block dropped, a required field missing).
  if (kind === 3) {
    deleteAt(profile, path);
    return `remove ${where}`;
  }
  if (kind === 2) {
    const other = borrowed(path, base);
    if (other !== undefined) {
      setAt(profile, path, other);
      return `${where} := the other fixture's value`;
    }
  }
  if (Array.isArray(value)) {
    const choice = seed.value % 3;
    if (choice === 0 && value.length > 0) {
      value.push(structuredClone(value[seed.value % value.length]));
      return `duplicate an entry of ${where}`;
    }
    if (choice === 1 && value.length > 0) {
      value.splice(seed.value % value.length, 1);
      return `drop an entry of ${where}`;
    }
    setAt(profile, path, []);
    return `empty ${where}`;
  }
  if (typeof value === 'number') {
    const options = [...NUMBERS, value * 2, value + 1, value - 1, Math.floor(value / 2), value * 10];
    const next = options[seed.value % options.length]!;
    setAt(profile, path, next);
    return `${where} := ${next}`;
  }
  if (typeof value === 'string') {
    let next: string;
    if (CIDR.test(value) && kind === 0) next = mutateCidr(value, seed.value);
    else if (kind === 1) {
      const long = `${value}-${'x'.repeat(8 + (seed.value % 60))}`;
      next = [long, '', value.toUpperCase(), `${value}-2`][seed.value % 4]!;
    } else {
      const pool = [...(seenValues().get(key) ?? []), ...(ENUMS[key] ?? [])].filter((v) => v !== value);
      next = String(pool.length > 0 ? pool[seed.value % pool.length] : `${value}-changed`);
    }
    setAt(profile, path, next);
    return `${where} := ${JSON.stringify(next)}`;
  }
  if (typeof value === 'boolean') {
    setAt(profile, path, !value);
    return `${where} := ${!value}`;
  }
  if (isRecord(value)) {
    const keys = Object.keys(value);
    if (keys.length > 0) {
      delete value[keys[seed.value % keys.length]!];
      return `remove ${where}.${keys[seed.value % keys.length]}`;
    }
  }
  return 'no change';
}

/** Whole-profile edits a prefecture makes: use one cloud only. */
export const SCENARIOS: Record<string, (p: MutableProfile) => void> = {
  'azure only': (p) => {
    delete p.clouds.aws;
    p.accessTiers = p.accessTiers.filter((t: { provider: string }) => t.provider === 'azure');
  },
  'aws only': (p) => {
    delete p.clouds.azure;
    p.accessTiers = p.accessTiers.filter((t: { provider: string }) => t.provider === 'aws');
  },
  unchanged: () => {},
};

export interface GeneratedProfile {
  readonly base: (typeof FIXTURES)[number];
  readonly scenario: string;
  readonly mutations: readonly MutationSeed[];
}

export const generatedProfile: fc.Arbitrary<GeneratedProfile> = fc.record({
  base: fc.constantFrom(...FIXTURES),
  scenario: fc.constantFrom('unchanged', 'unchanged', 'unchanged', 'azure only', 'aws only'),
  mutations: fc.array(fc.record({ path: fc.nat(10_000), kind: fc.nat(3), value: fc.nat(1_000) }), {
    minLength: 1,
    maxLength: 3,
  }),
});

/** The profile object and the list of edits applied, for messages. */
export function buildProfile(g: GeneratedProfile): { profile: MutableProfile; edits: string[] } {
  const profile = profileObject(g.base);
  SCENARIOS[g.scenario]!(profile);
  const edits = [`${g.base}, ${g.scenario}`];
  for (const m of g.mutations) edits.push(applyMutation(profile, g.base, m));
  return { profile, edits };
}
