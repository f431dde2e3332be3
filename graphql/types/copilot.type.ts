import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { CITATION_KINDS } from '../../copilot/answer';

export const CitationKind = Object.fromEntries(CITATION_KINDS.map((k) => [k, k])) as Record<(typeof CITATION_KINDS)[number], string>;
registerEnumType(CitationKind, { name: 'CitationKind', description: 'What a citation points at' });

@ObjectType({ description: 'A node, path, violation, simulation or finding an answer relies on; every one was returned by the graph for this question' })
export class Citation {
  @Field(() => CitationKind) kind!: string;
  @Field(() => ID, { description: 'ACCESS_PATH: identityId|entitlementId; SOD_VIOLATION: ruleId|identityId' }) id!: string;
  @Field() label!: string;
  @Field(() => ID, { nullable: true, description: 'ACCESS_PATH and SOD_VIOLATION: whose' }) identityId!: string | null;
  @Field(() => ID, { nullable: true, description: 'ACCESS_PATH: open with explainAccess(identityId, entitlementId)' }) entitlementId!: string | null;
  @Field(() => ID, { nullable: true, description: 'SOD_VIOLATION: the rule' }) ruleId!: string | null;
}

@ObjectType({ description: "The copilot's answer: words, the evidence behind them, and what to ask next" })
export class CopilotAnswer {
  @Field() text!: string;
  @Field(() => [Citation]) citations!: Citation[];
  @Field(() => [String]) followUps!: string[];
  @Field(() => ID, { description: 'Pass it back to continue the conversation ("and why?", "what about her peers?")' }) conversationId!: string;
  @Field({ description: 'The question form understood, e.g. who_has, explain, what_if_remove; unknown when it could not answer' }) intent!: string;
  @Field({ description: 'rules (no language model) or llm' }) mode!: string;
}
