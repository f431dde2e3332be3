import { z } from 'zod';
import { Field, InputType } from 'type-graphql';
import { WhohasError } from '../src/errors';
import { IdentityKind, IdentityStatus } from './types/enums';

@InputType({ description: 'All conditions are optional and combine with AND' })
export class IdentityFilter {
  @Field(() => IdentityKind, { nullable: true }) kind?: IdentityKind | null;
  @Field(() => IdentityStatus, { nullable: true }) status?: IdentityStatus | null;
  @Field(() => String, { nullable: true }) department?: string | null;
  @Field(() => String, { nullable: true, description: 'Case-insensitive match on id, name, email, department, title' })
  text?: string | null;
}

const IdArg = z.string().trim().min(1, 'must not be empty').max(512, 'is longer than 512 characters');
const FilterInput = z.object({
  kind: z.string().nullish(),
  status: z.string().nullish(),
  department: z.string().max(200).nullish(),
  text: z.string().trim().max(200, 'text must be at most 200 characters').nullish(),
});

/** zod at the GraphQL boundary: a bad argument is a BAD_USER_INPUT naming the argument. */
export function validId(name: string, value: string): string {
  const parsed = IdArg.safeParse(value);
  if (!parsed.success) throw new WhohasError('BAD_USER_INPUT', `Argument '${name}' ${parsed.error.issues[0].message}`);
  return parsed.data;
}

export function validFilter(filter: IdentityFilter | null | undefined) {
  const parsed = FilterInput.safeParse(filter ?? {});
  if (!parsed.success) throw new WhohasError('BAD_USER_INPUT', `Argument 'filter': ${parsed.error.issues[0].message}`);
  return { ...parsed.data, text: parsed.data.text || null };
}
