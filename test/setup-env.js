// Unit tests synthesize many stacks: the built-in CloudFormation validator (about 2.5 s of CPU
// per process) stays on for the real synth (`npm run synth`), off here and in the fixture synths
// (test/aws/validation runs it once on the default fixture's templates). This sets the test file's copy of process.env, which our code reads;
// test/support/shared-modules-runtime.js sets the real one, which the shared aws-cdk-lib reads.
process.env.CDK_VALIDATION = process.env.CDK_VALIDATION ?? 'false';
process.env.TSUNAGI_QUIET_WARNINGS = '1';
