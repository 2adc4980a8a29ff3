/**
 * The azurerm provider and the Terraform backend of a stack. Each stack is a standalone
 * root module, so each configures both itself.
 *
 * Backend: local by default, so synth and `terraform plan` against a scratch state need no
 * credentials; `TSUNAGI_TF_BACKEND=azurerm` (or `tsunagi synth --backend azurerm`) writes
 * the azurerm backend of the environment's terraformBackend, one state key per stack.
 */
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { AzurermBackend, LocalBackend, type TerraformStack } from 'cdktf';
import type { Profile } from '../profile/schema';

export type BackendKind = 'local' | 'azurerm';

export function configureProviderAndBackend(
  stack: TerraformStack,
  profile: Profile,
  environmentName: string,
  stackName: string,
  backend: BackendKind,
): AzurermProvider {
  const environment = profile.environments.find((e) => e.name === environmentName);
  if (!environment?.azure)
    throw new Error(`internal: environment ${environmentName} has no Azure subscription`);
  const provider = new AzurermProvider(stack, 'azurerm', {
    features: [{}],
    subscriptionId: environment.azure.subscriptionId,
    tenantId: environment.azure.tenantId,
    // CI authenticates with GitHub OIDC (docs/deploy.md); no secret in code or state config.
    useOidc: true,
    storageUseAzuread: true,
  });
  if (backend === 'azurerm') {
    const state = environment.terraformBackend;
    if (!state) {
      throw new Error(
        `environments[${environmentName}].terraformBackend is required for the azurerm backend; add resourceGroupName, storageAccountName and containerName`,
      );
    }
    new AzurermBackend(stack, {
      resourceGroupName: state.resourceGroupName,
      storageAccountName: state.storageAccountName,
      containerName: state.containerName,
      key: `${stackName}.tfstate`,
      useAzureadAuth: true,
      useOidc: true,
    });
  } else {
    new LocalBackend(stack, { path: `terraform.${stackName}.tfstate` });
  }
  return provider;
}
