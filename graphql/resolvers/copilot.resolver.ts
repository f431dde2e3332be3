import { Authorized, Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { COPILOT_USERS } from '../../src/auth/roles';
import type { RequestContext } from '../context';
import { CopilotAnswer } from '../types/copilot.type';

@Authorized(COPILOT_USERS)
@Resolver()
export class CopilotResolver {
  @Query(() => CopilotAnswer, { description: 'Ask a question in words; the answer cites the graph nodes and paths it relies on. Read-only (a what-if question runs a simulation, recorded in the decision log)' })
  ask(
    @Arg('question') question: string,
    @Ctx() ctx: RequestContext,
    @Arg('conversationId', () => ID, { nullable: true }) conversationId?: string,
  ): Promise<CopilotAnswer> {
    return ctx.copilot.ask(ctx, question, conversationId);
  }
}
