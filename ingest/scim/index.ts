import type { Connector, Probe } from '../core/connector';
import { getScim, SCIM_FILE } from './get';
import { ScimOptions } from './options';
import { transformScim } from './transform';

/** A SCIM resource or list announces itself in its first bytes through its schema URNs. */
const SCIM_HEAD = /urn:ietf:params:scim:(schemas:core:2\.0:(User|Group)|api:messages:2\.0:ListResponse)/i;

export const scimConnector: Connector<ScimOptions> = {
  format: 'scim',
  description: 'SCIM 2.0 Users and Groups (RFC 7643/7644): a live service provider, a ListResponse, resources or NDJSON',
  options: ScimOptions,
  // A SCIM listing is a snapshot: a user missing from it was deprovisioned.
  defaultMode: 'full',
  detect(probe: Probe): boolean {
    return probe.names.some((n) => SCIM_FILE.test(n) && SCIM_HEAD.test(probe.heads.get(n) ?? ''));
  },
  get: getScim,
  transform: transformScim,
};
