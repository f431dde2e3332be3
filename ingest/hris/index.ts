import type { Connector } from '../core/connector';
import { readPayloadFiles } from '../core/payload-files';
import { HrisOptions } from './options';
import { transformHris } from './transform';

/** HR system of record (Workday-style worker report as CSV): the people every account attaches to. */
export const hrisConnector: Connector<HrisOptions> = {
  format: 'hris-csv',
  description: 'HR worker export (CSV, Workday-style columns, mapping in options.columns)',
  options: HrisOptions,
  defaultMode: 'full',
  detect: (probe) =>
    [...probe.heads.entries()].some(([name, head]) => {
      if (!/\.csv$/i.test(name)) return false;
      const header = head.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0].toLowerCase();
      return header.includes('employee') && (header.includes('manager') || header.includes('worker'));
    }),
  get: (location, _options, ctx) => readPayloadFiles(location, { maxFileBytes: ctx.maxFileBytes, include: (n) => /\.csv$/i.test(n) }),
  transform: transformHris,
};
