// Unit tests synthesize many stacks: the built-in CloudFormation validator (about 2 s of CPU per
// process) stays on for the real synth (`npm run synth`, and the default fixture in jest's global
// setup), off here. This sets the test file's copy of process.env, which our code reads;
// test/support/shared-modules-runtime.js sets the real one, which the shared aws-cdk-lib reads.
process.env.CDK_VALIDATION = process.env.CDK_VALIDATION ?? 'false';
process.env.TSUNAGI_QUIET_WARNINGS = '1';
