/** Rule: the target and the populations agree. */
import { issue, type ProfileIssue } from '../issues';
import type { Profile } from '../schema';

export function checkPopulations(profile: Profile): ProfileIssue[] {
  const found: ProfileIssue[] = [];
  const sum = profile.populations.reduce((total, p) => total + p.concurrentUsers, 0);
  const largest = Math.max(...profile.populations.map((p) => p.concurrentUsers));
  const target = profile.target.concurrentUsers;
  if (target > sum) {
    found.push(
      issue(
        ['target', 'concurrentUsers'],
        `is more than the populations' peaks add up to (${sum})`,
        target,
        `raise the populations' concurrentUsers to add up to at least ${target}, or lower the target`,
      ),
    );
  }
  if (target < largest) {
    found.push(
      issue(
        ['target', 'concurrentUsers'],
        `is less than the largest population's peak (${largest})`,
        target,
        `raise the target to at least ${largest}`,
      ),
    );
  }
  const kinds = new Set<string>();
  profile.resilience.forEach((r, i) => {
    if (kinds.has(r.failure)) {
      found.push(
        issue(['resilience', i, 'failure'], 'is listed twice', r.failure, 'keep one entry per failure kind'),
      );
    }
    kinds.add(r.failure);
  });
  return found;
}
