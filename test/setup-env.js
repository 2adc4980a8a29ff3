// Unit tests synthesize many stacks: the built-in CloudFormation validator (about 1.5 s per
// process) stays on for the real synth (`npm run synth`, test/synth/*), off here.
process.env.CDK_VALIDATION = process.env.CDK_VALIDATION ?? 'false';
process.env.TSUNAGI_QUIET_WARNINGS = '1';
