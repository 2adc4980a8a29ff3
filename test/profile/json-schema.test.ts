import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
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

  // The shipped profiles (config/*.yaml) are a prefecture's to edit and are not read here;
  // CI checks their schema line. The fixture copies point at the committed schema.
  it('is referenced by the fixture profiles for editor completion', () => {
    const dir = join(__dirname, '..', 'fixtures', 'profiles');
    for (const name of ['hyogo', 'iwate']) {
      const first = readFileSync(join(dir, `${name}.yaml`), 'utf8').split('\n')[0]!;
      const target = /^# yaml-language-server: \$schema=(.+)$/.exec(first)?.[1];
      expect(target && resolve(dir, target)).toBe(
        resolve(__dirname, '..', '..', 'config', 'profile.schema.json'),
      );
    }
  });
});
