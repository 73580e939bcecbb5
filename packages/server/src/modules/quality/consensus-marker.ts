/**
 * The model_version prefix of predictions that hold a consensus of the annotators' work
 * ("consensus:majority", "consensus:dawid-skene"). Annotators never see them (blind labeling).
 */
export const CONSENSUS_MODEL_PREFIX = 'consensus:';

export const isConsensusModel = (modelVersion: string): boolean => modelVersion.startsWith(CONSENSUS_MODEL_PREFIX);
