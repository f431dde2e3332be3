import { z } from 'zod';
import { Authorized, Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { READERS } from '../../src/auth/roles';
import { WhohasError } from '../../src/errors';
import { searchGraph } from '../../src/read/search-reader';
import type { RequestContext } from '../context';
import { SearchResult } from '../types/search.type';

export const MAX_SEARCH_HITS = 50;

const SearchInput = z.object({
  text: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
  first: z.number().int().min(1, 'must be >= 1').max(MAX_SEARCH_HITS, `must be <= ${MAX_SEARCH_HITS}`),
});

@Authorized(READERS)
@Resolver()
export class SearchResolver {
  @Query(() => SearchResult, { description: 'Identities, groups and entitlements whose name, email or id contains the text (case-insensitive)' })
  async search(
    @Ctx() ctx: RequestContext,
    @Arg('text') text: string,
    @Arg('first', () => Int, { defaultValue: 10, description: `At most this many of each kind (1-${MAX_SEARCH_HITS})` }) first: number,
  ): Promise<SearchResult> {
    const parsed = SearchInput.safeParse({ text, first });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new WhohasError('BAD_USER_INPUT', `Argument '${String(issue.path[0])}' ${issue.message}`);
    }
    const hits = await searchGraph(ctx.store, parsed.data.text, parsed.data.first);
    for (const n of hits.identities) ctx.loaders.identity.prime(n.id, n);
    return hits;
  }
}
