/**
 * `tsunagi revoke`: imports the profile's certificate revocation list into every AWS Client
 * VPN endpoint of the profile with the EC2 API (outside CloudFormation; see
 * lib/operations/revoke-crl.ts and docs/operations/lost-device.md). Dry run unless --apply.
 * Exit 0 when every planned endpoint took (or would take) the CRL, 1 otherwise.
 */
import { Command } from 'commander';
import { guarded, loadForCommand, profileOption } from '../profile-option';

interface RevokeOptions {
  readonly profile: string;
  readonly environment?: string;
  readonly apply?: boolean;
  readonly format: 'text' | 'json';
}

export function revokeCommand(): Command {
  return new Command('revoke')
    .description(
      'Import the profile’s CRL (identity.deviceRevocation.crlFile) into every AWS Client VPN endpoint of the profile, with the current AWS credentials. Dry run unless --apply.',
    )
    .addOption(profileOption())
    .option('-e, --environment <name>', 'environment of the profile (default: its first)')
    .option('--apply', 'import for real (default: list the endpoints that would take the CRL)')
    .option('-f, --format <format>', 'text or json', 'text')
    .action(
      guarded(
        (options: RevokeOptions) => options.profile,
        async (options: RevokeOptions) => {
          const model = await loadForCommand(options.profile, { quietWarnings: true });
          if (!model) return;
          const environments = model.profile.environments.filter((e) => e.aws).map((e) => e.name);
          const environment = options.environment ?? environments[0];
          if (!environment || !environments.includes(environment)) {
            console.error(
              `tsunagi revoke: environment "${options.environment ?? ''}" has no AWS account in ${model.file} (environments with one: ${environments.join(', ') || 'none'}); pass one of them with --environment`,
            );
            process.exitCode = 1;
            return;
          }
          // Loaded here, not at the top: the EC2 client and the CDK construct library cost about
          // 0.6 s of start-up that every other command (validate, plan) would otherwise pay.
          const { RevokeRefused, renderRevokeReport, revokeCertificates } = await import(
            '../../operations/revoke-crl'
          );
          try {
            const report = await revokeCertificates({ model, environment, apply: options.apply === true });
            process.stdout.write(
              options.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : renderRevokeReport(report),
            );
            if (!report.ok) process.exitCode = 1;
          } catch (error) {
            if (!(error instanceof RevokeRefused)) throw error;
            console.error(`tsunagi revoke: ${error.message}`);
            process.exitCode = 1;
          }
        },
      ),
    );
}
