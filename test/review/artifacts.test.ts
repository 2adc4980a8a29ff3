/**
 * Reading a synth output directory (lib/review/artifacts.ts) from small hand-written trees in a
 * temporary directory: which stacks are read and which skipped, the Region taken from a
 * concrete `aws://account/region` environment only, construct paths added from the metadata
 * file, the capacity plan, an empty directory, and each bad input's message naming the file.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { readSynthTree, type SynthTree } from '../../lib/review/artifacts';
import { ReviewInputError } from '../../lib/review/errors';

// biome-ignore lint/suspicious/noExplicitAny: hand-built JSON
type Json = any;

let root: string;
let dir: string;
let count = 0;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'tsunagi-artifacts-'));
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});
beforeEach(() => {
  dir = join(root, `tree-${count++}`);
  mkdirSync(dir);
});

/** Writes a file under the current tree; objects as JSON, strings as they are. */
function write(path: string, content: Json): string {
  const file = join(dir, path);
  mkdirSync(dirname(file), { recursive: true });
  const text = typeof content === 'string' ? content : JSON.stringify(content, null, 1);
  writeFileSync(file, text);
  return text;
}

/** The stacks as plain arrays, so toStrictEqual also sees a property that is there but undefined. */
function stacks(tree: SynthTree): { aws: Json[]; azure: Json[] } {
  return { aws: [...tree.aws.entries()], azure: [...tree.azure.entries()] };
}

function thrown(read: () => unknown): { name: string; message: string } {
  try {
    read();
  } catch (error) {
    return { name: (error as Error).name, message: (error as Error).message };
  }
  throw new Error('expected readSynthTree to throw');
}

function parseError(text: string): string {
  try {
    JSON.parse(text);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`${text} parses`);
}

const STACK = 'aws:cloudformation:stack';

describe('readSynthTree: the directory', () => {
  it('names the source, or the directory when no source is given, when the directory does not exist', () => {
    const missing = join(root, 'not-there');
    expect(thrown(() => readSynthTree(missing))).toEqual({
      name: 'ReviewInputError',
      message: `${missing}: no such directory`,
    });
    expect(thrown(() => readSynthTree(missing, 'base'))).toEqual({
      name: 'ReviewInputError',
      message: 'base: no such directory',
    });
  });

  it('reads an empty directory as an empty deployment with no cloud', () => {
    const tree = readSynthTree(dir, 'base');
    expect(tree).toStrictEqual({
      source: 'base',
      aws: new Map(),
      azure: new Map(),
      clouds: { aws: false, azure: false },
      empty: true,
    });
    expect(readSynthTree(dir).source).toBe(dir);
  });

  it('refuses a directory with files but neither manifest, naming the source and the fix', () => {
    write('cdk.out/stack.template.json', {});
    write('cdktf.out/stacks/hub/cdk.tf.json', {});
    write('tsunagi-plan.json', {});
    const message =
      ': neither cdk.out/manifest.json nor cdktf.out/manifest.json found; pass the directory given to `tsunagi synth --output`';
    expect(thrown(() => readSynthTree(dir, 'head'))).toEqual({
      name: 'ReviewInputError',
      message: `head${message}`,
    });
    expect(thrown(() => readSynthTree(dir))).toEqual({
      name: 'ReviewInputError',
      message: `${dir}${message}`,
    });
  });

  it('refuses a directory that holds only an unrelated file', () => {
    write('notes.txt', 'not a synth output');
    expect(() => readSynthTree(dir)).toThrow(ReviewInputError);
    expect(() => readSynthTree(dir)).toThrow(
      /: neither cdk\.out\/manifest\.json nor cdktf\.out\/manifest\.json found/,
    );
  });
});

describe('readSynthTree: cdk.out', () => {
  it('reads each CloudFormation stack with its template, text and concrete Region, and nothing else', () => {
    const tokyo = { Resources: { Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } } } };
    const tokyoText = write('cdk.out/tokyo.template.json', tokyo);
    const osakaText = write('cdk.out/osaka.template.json', '{"Resources":{}}');
    const agnosticText = write('cdk.out/agnostic.template.json', { Outputs: {} });
    write('cdk.out/tree.json', { tree: {} });
    write('cdk.out/manifest.json', {
      version: '36.0.0',
      artifacts: {
        Tree: { type: 'cdk:tree', properties: { file: 'tree.json', templateFile: 'tree.json' } },
        'org-prod-apne1': {
          type: STACK,
          environment: 'aws://123456789012/ap-northeast-1',
          properties: { templateFile: 'tokyo.template.json' },
        },
        'org-prod-apne3': {
          type: STACK,
          environment: 'aws://123456789012/ap-northeast-3',
          properties: { templateFile: 'osaka.template.json' },
        },
        'org-agnostic': {
          type: STACK,
          environment: 'aws://unknown-account/unknown-region',
          properties: { templateFile: 'agnostic.template.json' },
        },
        'no-properties': { type: STACK, environment: 'aws://123456789012/us-east-1' },
        'no-template-file': { type: STACK, properties: {} },
        assets: { type: 'cdk:asset-manifest', properties: { file: 'assets.json' } },
      },
    });
    const tree = readSynthTree(dir, 'head');
    expect(stacks(tree)).toStrictEqual({
      aws: [
        [
          'org-prod-apne1',
          { name: 'org-prod-apne1', template: tokyo, text: tokyoText, region: 'ap-northeast-1' },
        ],
        [
          'org-prod-apne3',
          { name: 'org-prod-apne3', template: { Resources: {} }, text: osakaText, region: 'ap-northeast-3' },
        ],
        ['org-agnostic', { name: 'org-agnostic', template: { Outputs: {} }, text: agnosticText }],
      ],
      azure: [],
    });
    expect(tree.clouds).toStrictEqual({ aws: true, azure: false });
    expect(tree.source).toBe('head');
    expect('plan' in tree).toBe(false);
    expect('empty' in tree).toBe(false);
  });

  it.each([
    ['no environment', undefined],
    ['an unknown Region', 'aws://123456789012/unknown-region'],
    ['something before the scheme', 'xaws://123456789012/ap-northeast-1'],
    ['something after the Region', 'aws://123456789012/ap-northeast-1X'],
    ['a further path segment', 'aws://123456789012/ap-northeast-1/extra'],
    ['no account', 'aws:///ap-northeast-1'],
  ])('gives no Region for %s', (_, environment) => {
    write('cdk.out/s.template.json', '{}');
    write('cdk.out/manifest.json', {
      artifacts: { s: { type: STACK, environment, properties: { templateFile: 's.template.json' } } },
    });
    expect(stacks(readSynthTree(dir)).aws).toStrictEqual([['s', { name: 's', template: {}, text: '{}' }]]);
  });

  it('takes the Region after any account, a single letter or digits', () => {
    write('cdk.out/s.template.json', '{}');
    write('cdk.out/manifest.json', {
      artifacts: {
        a: { type: STACK, environment: 'aws://x/eu-west-1', properties: { templateFile: 's.template.json' } },
        b: {
          type: STACK,
          environment: 'aws://unknown-account/us-east-2',
          properties: { templateFile: 's.template.json' },
        },
      },
    });
    expect([...readSynthTree(dir).aws.values()].map((s) => s.region)).toEqual(['eu-west-1', 'us-east-2']);
  });

  it('reads a manifest without artifacts as an AWS side with no stack', () => {
    write('cdk.out/manifest.json', { version: '36.0.0' });
    const tree = readSynthTree(dir);
    expect(stacks(tree)).toStrictEqual({ aws: [], azure: [] });
    expect(tree.clouds).toStrictEqual({ aws: true, azure: false });
  });

  it('adds construct paths from the metadata file where the template has none', () => {
    const template = {
      Resources: {
        Endpoint: { Type: 'AWS::EC2::ClientVpnEndpoint', Properties: {} },
        Subnet: { Type: 'AWS::EC2::Subnet', Metadata: { cfn_nag: 'x' } },
        Named: { Type: 'AWS::EC2::VPC', Metadata: { 'aws:cdk:path': 'stack/kept/Resource' } },
        Untouched: { Type: 'AWS::EC2::RouteTable' },
        Numbered: { Type: 'AWS::EC2::Route' },
      },
    };
    write('cdk.out/s.template.json', template);
    write('cdk.out/s.metadata.json', {
      '/s/tokyo-0/Endpoint': [
        { type: 'aws:cdk:warning', data: 'not the logical id' },
        { type: 'aws:cdk:logicalId', data: 'Endpoint' },
      ],
      '/s/Subnet/Resource': [{ type: 'aws:cdk:logicalId', data: 'Subnet' }],
      '/s/Named/Resource': [{ type: 'aws:cdk:logicalId', data: 'Named' }],
      'no-leading/slash': [{ type: 'aws:cdk:logicalId', data: 'Untouched' }],
      '/s/Gone': [{ type: 'aws:cdk:logicalId', data: 'NotInTemplate' }],
      '/s/Warnings': [{ type: 'aws:cdk:warning', data: 'Numbered' }],
      // not a string, though it would turn into one as a key
      '/s/NotAString': [{ type: 'aws:cdk:logicalId', data: ['Numbered'] }],
    });
    write('cdk.out/manifest.json', {
      artifacts: {
        s: {
          type: STACK,
          environment: 'aws://1/ap-northeast-1',
          additionalMetadataFile: 's.metadata.json',
          properties: { templateFile: 's.template.json' },
        },
      },
    });
    const read = readSynthTree(dir).aws.get('s');
    expect(read?.template).toStrictEqual({
      Resources: {
        Endpoint: {
          Type: 'AWS::EC2::ClientVpnEndpoint',
          Properties: {},
          Metadata: { 'aws:cdk:path': 's/tokyo-0/Endpoint' },
        },
        Subnet: { Type: 'AWS::EC2::Subnet', Metadata: { cfn_nag: 'x', 'aws:cdk:path': 's/Subnet/Resource' } },
        Named: { Type: 'AWS::EC2::VPC', Metadata: { 'aws:cdk:path': 'stack/kept/Resource' } },
        Untouched: { Type: 'AWS::EC2::RouteTable', Metadata: { 'aws:cdk:path': 'no-leading/slash' } },
        Numbered: { Type: 'AWS::EC2::Route' },
      },
    });
    // the text stays the file's, without the added paths
    expect(read?.text).toBe(JSON.stringify(template, null, 1));
  });

  it('reads a template with no Resources, and a missing metadata file, without error', () => {
    write('cdk.out/a.template.json', '{}');
    write('cdk.out/a.metadata.json', { '/a/X': [{ type: 'aws:cdk:logicalId', data: 'X' }] });
    write('cdk.out/manifest.json', {
      artifacts: {
        a: {
          type: STACK,
          additionalMetadataFile: 'a.metadata.json',
          properties: { templateFile: 'a.template.json' },
        },
        b: {
          type: STACK,
          additionalMetadataFile: 'gone.metadata.json',
          properties: { templateFile: 'a.template.json' },
        },
      },
    });
    expect(stacks(readSynthTree(dir)).aws).toStrictEqual([
      ['a', { name: 'a', template: {}, text: '{}' }],
      ['b', { name: 'b', template: {}, text: '{}' }],
    ]);
  });
});

describe('readSynthTree: cdktf.out and the plan', () => {
  it('reads each Terraform stack from the path the manifest gives, and the capacity plan', () => {
    const hubText = write('cdktf.out/stacks/hub/cdk.tf.json', {
      resource: { azurerm_resource_group: { rg: {} } },
    });
    const spokeText = write('cdktf.out/stacks/spoke/cdk.tf.json', '{}');
    write('cdktf.out/manifest.json', {
      version: '0.20.0',
      stacks: {
        'org-hub-japaneast': { name: 'org-hub-japaneast', synthesizedStackPath: './stacks/hub/cdk.tf.json' },
        'org-spoke': { synthesizedStackPath: 'stacks/spoke/cdk.tf.json' },
      },
    });
    const plan = { organisation: 'org', tiers: [], cost: { monthlyUsd: 1 } };
    write('tsunagi-plan.json', plan);
    const tree = readSynthTree(dir, 'head');
    expect(stacks(tree)).toStrictEqual({
      aws: [],
      azure: [
        [
          'org-hub-japaneast',
          {
            name: 'org-hub-japaneast',
            json: { resource: { azurerm_resource_group: { rg: {} } } },
            text: hubText,
          },
        ],
        ['org-spoke', { name: 'org-spoke', json: {}, text: spokeText }],
      ],
    });
    expect(tree.clouds).toStrictEqual({ aws: false, azure: true });
    expect(tree.plan).toStrictEqual(plan);
    expect(tree.source).toBe('head');
  });

  it('reads both clouds when both manifests are there, and a CDKTF manifest without stacks', () => {
    write('cdk.out/manifest.json', {});
    write('cdktf.out/manifest.json', {});
    const tree = readSynthTree(dir);
    expect(tree).toStrictEqual({
      source: dir,
      aws: new Map(),
      azure: new Map(),
      clouds: { aws: true, azure: true },
    });
  });
});

describe('readSynthTree: bad input names the file', () => {
  it('an unreadable template or Terraform JSON file', () => {
    write('cdk.out/manifest.json', {
      artifacts: { s: { type: STACK, properties: { templateFile: 'missing.template.json' } } },
    });
    const template = join(dir, 'cdk.out', 'missing.template.json');
    expect(thrown(() => readSynthTree(dir))).toEqual({
      name: 'ReviewInputError',
      message: `cannot read CloudFormation template ${template}: ENOENT: no such file or directory, open '${template}'`,
    });
    rmSync(join(dir, 'cdk.out'), { recursive: true });
    write('cdktf.out/manifest.json', { stacks: { hub: { synthesizedStackPath: 'stacks/hub/cdk.tf.json' } } });
    const tf = join(dir, 'cdktf.out', 'stacks', 'hub', 'cdk.tf.json');
    expect(thrown(() => readSynthTree(dir))).toEqual({
      name: 'ReviewInputError',
      message: `cannot read Terraform JSON ${tf}: ENOENT: no such file or directory, open '${tf}'`,
    });
  });

  it.each([
    ['cdk.out/manifest.json', 'cloud assembly manifest'],
    ['cdktf.out/manifest.json', 'CDKTF manifest'],
  ])('%s that is not JSON', (path, what) => {
    write(path, '{"artifacts": ');
    expect(thrown(() => readSynthTree(dir))).toEqual({
      name: 'ReviewInputError',
      message: `${what} ${join(dir, path)} is not valid JSON: ${parseError('{"artifacts": ')}`,
    });
  });

  it('a template, Terraform JSON, metadata file or plan that is not JSON', () => {
    const bad = 'not json';
    write('cdk.out/s.template.json', bad);
    write('cdk.out/manifest.json', {
      artifacts: { s: { type: STACK, properties: { templateFile: 's.template.json' } } },
    });
    expect(thrown(() => readSynthTree(dir)).message).toBe(
      `CloudFormation template ${join(dir, 'cdk.out/s.template.json')} is not valid JSON: ${parseError(bad)}`,
    );
    write('cdk.out/s.template.json', '{}');
    write('cdk.out/s.metadata.json', bad);
    write('cdk.out/manifest.json', {
      artifacts: {
        s: {
          type: STACK,
          additionalMetadataFile: 's.metadata.json',
          properties: { templateFile: 's.template.json' },
        },
      },
    });
    expect(thrown(() => readSynthTree(dir)).message).toBe(
      `stack metadata ${join(dir, 'cdk.out/s.metadata.json')} is not valid JSON: ${parseError(bad)}`,
    );
    rmSync(join(dir, 'cdk.out'), { recursive: true });
    write('cdktf.out/stacks/hub/cdk.tf.json', bad);
    write('cdktf.out/manifest.json', { stacks: { hub: { synthesizedStackPath: 'stacks/hub/cdk.tf.json' } } });
    expect(thrown(() => readSynthTree(dir)).message).toBe(
      `Terraform JSON ${join(dir, 'cdktf.out/stacks/hub/cdk.tf.json')} is not valid JSON: ${parseError(bad)}`,
    );
    write('cdktf.out/stacks/hub/cdk.tf.json', '{}');
    write('tsunagi-plan.json', bad);
    expect(thrown(() => readSynthTree(dir))).toEqual({
      name: 'ReviewInputError',
      message: `capacity plan ${join(dir, 'tsunagi-plan.json')} is not valid JSON: ${parseError(bad)}`,
    });
  });
});
