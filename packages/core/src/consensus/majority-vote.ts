import { sortedLabels, unitsOf, type AgreementLabel, type RatingsMatrix } from '../metrics/agreement/ratings.js';
import { ConsensusError } from './consensus-error.js';

/**
 * What a vote does when two or more labels share the most votes: 'none' gives no label,
 * 'lowest-label' the tied label that comes first in the label order.
 */
export type TiePolicy = 'none' | 'lowest-label';

export const TIE_POLICIES: readonly TiePolicy[] = ['none', 'lowest-label'];

export interface MajorityVoteOptions {
  /** Defaults to 'none'. */
  tie?: TiePolicy;
  /** Label order for ties and for `tied`; defaults to `sortedLabels` of the labels seen. */
  labels?: readonly AgreementLabel[];
}

/** The outcome of one item's vote. */
export interface VoteResult {
  /** The winning label, or null when nobody voted or a tie was left open. */
  label: AgreementLabel | null;
  /** Votes for the most voted label(s). */
  votes: number;
  /** All votes cast on the item. */
  ratings: number;
  /** The labels sharing the most votes, in label order, when there are two or more; else []. */
  tied: AgreementLabel[];
}

/** Throws ConsensusError on an unknown tie policy; returns the policy with its default. */
export function checkTiePolicy(tie: TiePolicy | undefined): TiePolicy {
  const policy = tie ?? 'none';
  if (!TIE_POLICIES.includes(policy)) throw new ConsensusError(`unknown tie policy "${String(policy)}": use ${TIE_POLICIES.join(' or ')}`);
  return policy;
}

/** A map from label to its position in the order; throws ConsensusError for a label missing from it. */
export function labelRank(order: readonly AgreementLabel[], used: Iterable<AgreementLabel>): Map<AgreementLabel, number> {
  const rank = new Map<AgreementLabel, number>();
  order.forEach((label, i) => {
    if (!rank.has(label)) rank.set(label, i);
  });
  for (const label of used) {
    if (!rank.has(label)) throw new ConsensusError(`label ${JSON.stringify(label)} is not in the given label order`);
  }
  return rank;
}

/**
 * The plurality label of one item's votes, under a tie policy.
 * @example voteLabels(['cat', 'dog', 'dog']) // { label: 'dog', votes: 2, ratings: 3, tied: [] }
 */
export function voteLabels(votes: readonly AgreementLabel[], options: MajorityVoteOptions = {}): VoteResult {
  const tie = checkTiePolicy(options.tie);
  const rank = labelRank(options.labels ?? sortedLabels(votes), votes);
  return countVotes(votes, tie, rank);
}

function countVotes(votes: readonly AgreementLabel[], tie: TiePolicy, rank: ReadonlyMap<AgreementLabel, number>): VoteResult {
  const counts = new Map<AgreementLabel, number>();
  for (const label of votes) counts.set(label, (counts.get(label) ?? 0) + 1);
  let most = 0;
  for (const count of counts.values()) most = Math.max(most, count);
  const top = [...counts].filter(([, count]) => count === most).map(([label]) => label);
  top.sort((a, b) => rank.get(a)! - rank.get(b)!);
  const tied = top.length > 1 ? top : [];
  const label = top.length === 1 || (top.length > 1 && tie === 'lowest-label') ? top[0]! : null;
  return { label, votes: most, ratings: votes.length, tied };
}

/**
 * Majority (plurality) vote per item of a ratings matrix (items × annotators, missing cells
 * skipped). Items nobody rated get label null. Throws ConsensusError on an unknown tie policy or
 * a label missing from `options.labels`, AgreementError on a cell that is not a label.
 */
export function majorityVote(ratings: RatingsMatrix, options: MajorityVoteOptions = {}): VoteResult[] {
  const tie = checkTiePolicy(options.tie);
  const units = unitsOf(ratings);
  const used = units.flatMap((unit) => unit.values.map((v) => v.label));
  const rank = labelRank(options.labels ?? sortedLabels(used), used);
  return units.map((unit) => countVotes(unit.values.map((v) => v.label), tie, rank));
}
