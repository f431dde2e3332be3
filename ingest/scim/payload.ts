import type { Payload } from '../core/connector';

/**
 * `transform` sees only payloads, yet the default system name comes from where they were read
 * (the URL's host, the file or folder name). `get` attaches it here; a payload without it (built
 * by hand in a test) falls back to option `system`, then to 'scim'.
 */
export interface ScimPayload extends Payload {
  system?: string;
}

export function systemOfPayloads(payloads: Payload[]): string | undefined {
  return payloads.map((p) => (p as ScimPayload).system).find(Boolean);
}
