import { WhohasError } from '../../src/errors';
import type { Connector, Probe } from '../core/connector';
import { readPayloadFiles } from '../core/payload-files';
import { BloodhoundOptions } from './options';
import { MAPPED_TYPES, SHARPHOUND_TYPES } from './schema';
import { transformBloodhound } from './transform';

const fileOf = (types: readonly string[]) => new RegExp(`(^|_)(${types.join('|')})\\.json$`, 'i');
const MAPPED_FILE = fileOf(MAPPED_TYPES);
const ANY_FILE = fileOf(SHARPHOUND_TYPES);
// SharpHound writes `meta` last, so it is only in the head of small files; ObjectIdentifier is in every object.
const META_TYPE = new RegExp(`"meta"\\s*:\\s*\\{[^}]*"type"\\s*:\\s*"(${MAPPED_TYPES.join('|')})"`, 'i');

/** Active Directory as collected by SharpHound (BloodHound CE JSON): who is in which group, and who is admin. */
export const bloodhoundConnector: Connector<BloodhoundOptions> = {
  format: 'bloodhound',
  description: 'SharpHound / BloodHound CE collection (JSON files: users, groups, computers, domains; several domains per folder)',
  options: BloodhoundOptions,
  defaultMode: 'full',
  detect: (probe: Probe) =>
    probe.names.some((name) => {
      const head = probe.heads.get(name)?.replace(/^\uFEFF/, '').trimStart();
      if (!head || !/\.json$/i.test(name)) return false;
      // A whohas bundle also has groups.json, but as a JSON array, never as {"data": ...}.
      return head.startsWith('{') && (META_TYPE.test(head) || (MAPPED_FILE.test(name) && /"ObjectIdentifier"\s*:/.test(head)));
    }),
  async get(location, options, ctx) {
    if (/\.zip$/i.test(location)) {
      throw new WhohasError('BUNDLE_FILE_UNREADABLE', `${location} is a SharpHound zip; extract it and ingest the folder of JSON files`, {
        file: location,
      });
    }
    const wanted = options.outOfScope === 'ignore' ? MAPPED_FILE : ANY_FILE;
    return readPayloadFiles(location, { maxFileBytes: ctx.maxFileBytes, include: (name) => wanted.test(name) });
  },
  transform: transformBloodhound,
};
