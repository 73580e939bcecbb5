export { LabelConfigError, formatPath, type LabelConfigIssue } from './label-config-error.js';
export {
  OBJECT_TYPES, CONTROL_TYPES, labelConfigSchema, labelObjectSchema, labelControlSchema, labelSchema, choiceSchema, bucketSchema,
  type ObjectType, type ControlType, type LabelConfig, type LabelConfigInput, type LabelObject, type LabelControl,
  type LabelItem, type ChoiceItem, type BucketItem,
} from './label-config-schema.js';
export { CONTROL_TARGETS, REGION_CONTROL_TYPES, DEFAULT_MAX_RATING } from './label-config-rules.js';
export { parseLabelConfig, labelConfigFromXml, validateLabelConfig, type LabelConfigValidation } from './parse-label-config.js';
export { XML_TAGS, type AttributeKind, type TagSpec } from './xml-tags.js';
export { XML_LIMITS } from './xml-reader.js';
