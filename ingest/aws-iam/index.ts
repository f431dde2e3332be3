import type { Connector, Payload } from '../core/connector';
import { readPayloadFiles } from '../core/payload-files';
import { AwsIamOptions } from './options';
import { RISKY_PREFIX } from './risk';
import { transformAwsIam } from './transform';

const AUTHZ_HEAD = /"(UserDetailList|RoleDetailList|GroupDetailList)"\s*:/;

/** AWS IAM: `aws iam get-account-authorization-details`, plus the credential report and service-last-accessed details beside it. */
export const awsIamConnector: Connector<AwsIamOptions> = {
  format: 'aws-iam',
  description: 'AWS IAM export (get-account-authorization-details JSON; optional credential report and service-last-accessed details)',
  options: AwsIamOptions,
  pathOptions: ['riskyActions'],
  defaultMode: 'full',
  detect: (probe) => [...probe.heads.entries()].some(([name, head]) => /\.json$/i.test(name) && AUTHZ_HEAD.test(head)),
  async get(location, options, ctx) {
    const payloads = await readPayloadFiles(location, { maxFileBytes: ctx.maxFileBytes, include: (n) => /\.(json|csv)$/i.test(n) });
    return [...payloads, ...(await riskyLists(options.riskyActions, ctx.maxFileBytes))];
  },
  transform: transformAwsIam,
};

/** The lists are run-time input like the export, read here so the transform never touches the disk. */
async function riskyLists(option: string | string[] | undefined, maxFileBytes: number): Promise<Payload[]> {
  if (!option) return [];
  const out: Payload[] = [];
  for (const path of Array.isArray(option) ? option : [option]) {
    const files = await readPayloadFiles(path, { maxFileBytes, include: (n) => /\.txt$/i.test(n) });
    for (const f of files) out.push({ name: `${RISKY_PREFIX}${f.name}`, text: f.text });
  }
  return out;
}
