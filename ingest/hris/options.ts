import { z } from 'zod';

/**
 * Column mapping for an HR export. Defaults follow Workday's standard worker report headers;
 * every field can point at another column, so a BambooHR or SAP SuccessFactors export only needs
 * a mapping, not code.
 */
export const HrisColumns = z.strictObject({
  employeeId: z.string().default('Employee ID'),
  displayName: z.string().default('Worker'),
  firstName: z.string().default('First Name'),
  lastName: z.string().default('Last Name'),
  email: z.string().default('Work Email'),
  department: z.string().default('Supervisory Organization'),
  title: z.string().default('Business Title'),
  managerId: z.string().default('Manager Employee ID'),
  status: z.string().default('Worker Status'),
  hireDate: z.string().default('Hire Date'),
  terminationDate: z.string().default('Termination Date'),
  workerType: z.string().default('Worker Type'),
});

export const HrisOptions = z.strictObject({
  /** Prefix of identity ids: `hr:` + employee id, unique across sources per the spec. */
  idPrefix: z.string().regex(/^[A-Za-z0-9_.:-]*$/).default('hr:'),
  columns: HrisColumns.default(HrisColumns.parse({})),
  /** Status cell (lower-cased) -> spec status; anything else is a reject naming the value. */
  statusMap: z.record(z.string(), z.enum(['active', 'suspended', 'terminated'])).default({
    active: 'active',
    'on leave': 'suspended',
    'leave of absence': 'suspended',
    suspended: 'suspended',
    inactive: 'suspended',
    terminated: 'terminated',
    separated: 'terminated',
  }),
  /** How to read dates without a zone (HR exports rarely carry one); they are taken as UTC midnight. */
  dateOrder: z.enum(['ymd', 'mdy', 'dmy']).default('ymd'),
  /** Columns not mapped above become identity attributes (cost center, location, job family...). */
  extraColumns: z.enum(['attributes', 'ignore']).default('attributes'),
  delimiter: z.string().length(1).default(','),
  source: z.string().optional(),
});
export type HrisOptions = z.infer<typeof HrisOptions>;
