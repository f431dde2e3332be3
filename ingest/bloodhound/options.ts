import { z } from 'zod';

export const BloodhoundOptions = z.strictObject({
  /**
   * `correlate` (default): user accounts carry email/username hints and attach to people from an
   * authoritative source (HR). `create`: every user also becomes an identity here, for teams with
   * no HR feed. Not the default because people created from AD would double every HR person once
   * HR data arrives, and switching a running job back would delete them on the next full run.
   */
  identities: z.enum(['correlate', 'create']).default('correlate'),
  /** Computers become service identities owning their machine account; `false` leaves them out. */
  computers: z.boolean().default(true),
  /**
   * A user's primary group (PrimaryGroupSID) is a membership AD does not list in the group's
   * `member` attribute; without it a user whose primary group is Domain Admins would look unprivileged.
   */
  primaryGroups: z.boolean().default(true),
  /**
   * `count` reads every SharpHound file so ACEs, sessions, GPOs... can be counted in the run notes;
   * `ignore` reads only users, groups, computers and domains (huge containers files stay unread).
   */
  outOfScope: z.enum(['count', 'ignore']).default('count'),
  /** Graph source name; default `bloodhound:<collected domains>`. Jobs use the job name instead. */
  source: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]+$/, 'may hold letters, digits and . _ : - only')
    .optional(),
});
export type BloodhoundOptions = z.infer<typeof BloodhoundOptions>;
