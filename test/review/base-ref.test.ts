/**
 * `--base-ref`: how the profile argument is passed to the other checkout (profileIn). A path
 * inside the repository points at the checkout's copy (the profile as it was at the ref); a
 * profile name, or a path outside the repository, is passed as it is (made absolute). The git
 * and synth steps spawn processes and are left to the CLI tests.
 */
import { join, resolve } from 'node:path';
import { profileIn } from '../../lib/review/base-ref';

const CHECKOUT = '/tmp/tsunagi-review-x/checkout';

describe('profileIn', () => {
  it('passes a profile name as it is', () => {
    expect(profileIn(CHECKOUT, '/work/repo', 'hyogo')).toBe('hyogo');
    expect(profileIn(CHECKOUT, '/work/repo', 'hyogo-prod.v2')).toBe('hyogo-prod.v2');
  });

  it('maps a path inside the repository to the checkout, whether it has a slash, a .yaml or a .yml', () => {
    expect(profileIn(CHECKOUT, '/work/repo', '/work/repo/config/hyogo.yaml')).toBe(
      `${CHECKOUT}/config/hyogo.yaml`,
    );
    expect(profileIn(CHECKOUT, '/work/repo', '/work/repo/profiles/hyogo')).toBe(`${CHECKOUT}/profiles/hyogo`);
    expect(profileIn(CHECKOUT, '/work/repo', '/work/repo/a/../config/./b.yml')).toBe(
      `${CHECKOUT}/config/b.yml`,
    );
    // relative paths are read from the working directory
    const cwd = process.cwd();
    expect(profileIn(CHECKOUT, cwd, 'hyogo.yaml')).toBe(join(CHECKOUT, 'hyogo.yaml'));
    expect(profileIn(CHECKOUT, cwd, 'hyogo.yml')).toBe(join(CHECKOUT, 'hyogo.yml'));
    expect(profileIn(CHECKOUT, cwd, 'config/hyogo')).toBe(join(CHECKOUT, 'config', 'hyogo'));
  });

  it('passes a path outside the repository as an absolute path', () => {
    expect(profileIn(CHECKOUT, '/work/repo', '/elsewhere/hyogo.yaml')).toBe('/elsewhere/hyogo.yaml');
    expect(profileIn(CHECKOUT, '/work/repo', '/work/repo-fork/config/hyogo.yaml')).toBe(
      '/work/repo-fork/config/hyogo.yaml',
    );
    expect(profileIn(CHECKOUT, '/work/repo', '/work/hyogo.yml')).toBe('/work/hyogo.yml');
    const cwd = process.cwd();
    expect(profileIn(CHECKOUT, cwd, '../hyogo.yaml')).toBe(resolve(cwd, '..', 'hyogo.yaml'));
  });
});
