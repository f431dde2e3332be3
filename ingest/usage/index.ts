/**
 * Usage connectors: activity logs -> `usage` records (who used which entitlement, when).
 * They emit usage only; the accounts and entitlements it points at belong to the directory
 * connectors (AWS IAM, Okta), and usage of anything they did not load is rejected by the pipeline.
 */
export { cloudtrailConnector } from './cloudtrail-connector';
export { ocsfConnector } from './ocsf-connector';
export { oktaLogConnector } from './okta-connector';
export { AwsUsageOptions, OktaLogOptions } from './options';
