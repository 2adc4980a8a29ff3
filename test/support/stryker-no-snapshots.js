// Mutation run only (jest.stryker.config.js): snapshot matchers always pass, so a mutant
// counts as killed only when an explicit assertion fails. A snapshot is a change detector
// that a busy reviewer updates with `-u`; the mutation score must not count it.
const pass = () => ({ pass: true, message: () => 'snapshot matching is disabled for the mutation run' });
expect.extend({
  toMatchSnapshot: pass,
  toMatchInlineSnapshot: pass,
  toThrowErrorMatchingSnapshot: pass,
  toThrowErrorMatchingInlineSnapshot: pass,
});
