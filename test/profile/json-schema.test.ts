import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { profileJsonSchema } from '../../lib/profile/json-schema';

describe('profile JSON Schema', () => {
  it('is committed and matches the zod schema (run `npm run schema` after changing it)', () => {
    const committed = JSON.parse(
      readFileSync(join(__dirname, '..', '..', 'config', 'profile.schema.json'), 'utf8'),
    );
    expect(committed).toEqual(profileJsonSchema());
  });

  it('documents the fields editors complete', () => {
    const schema = profileJsonSchema() as {
      properties: Record<string, { description?: string }>;
      required: string[];
    };
    expect(schema.required).toEqual(
      expect.arrayContaining(['organisation', 'target', 'populations', 'accessTiers', 'addressPlan']),
    );
    expect(JSON.stringify(schema)).toMatch(/Peak concurrent remote-access connections/);
  });

  it('is referenced by both profiles for editor completion', () => {
    for (const name of ['hyogo', 'iwate']) {
      const text = readFileSync(join(__dirname, '..', '..', 'config', `${name}.yaml`), 'utf8');
      expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=./profile.schema.json');
    }
  });
});
