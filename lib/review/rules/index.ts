/**
 * The project's own knowledge that neither the CloudFormation specification nor the
 * Terraform plan carries: which resources are stateful or connection-bearing, which azurerm
 * attributes force a new resource (derived table), which in-place updates still drop
 * sessions, and which CloudFormation names fix the physical name. Shared by `tsunagi review`
 * and the deploy gates (lib/review/gate).
 */
export * from './azurerm-force-new';
export type { Cloud } from './cloud';
export * from './physical-names';
export * from './session-rules';
export * from './stateful';
