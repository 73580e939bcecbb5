export { ConsensusError } from './consensus-error.js';
export {
  TIE_POLICIES, majorityVote, voteLabels, type MajorityVoteOptions, type TiePolicy, type VoteResult,
} from './majority-vote.js';
export { dawidSkene, type DawidSkeneItem, type DawidSkeneOptions, type DawidSkeneResult } from './dawid-skene.js';
export { clusterRegions, type ClusterRegionsOptions, type ConsensusRegion } from './cluster-regions.js';
export { meanBox, regionConsensus, type RegionCluster, type RegionConsensusOptions } from './region-consensus.js';
