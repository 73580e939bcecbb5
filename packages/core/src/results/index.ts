export {
  PERCENT_SLOP, REGION_RESULT_TYPES, resultValueSchemas, relationResultSchema, resultItemSchema,
  type RegionResultType, type ResultItem, type RegionResultItem, type RelationResultItem, type ResultType,
} from './result-schema.js';
export { validateResult, MAX_RESULT_ITEMS, type ResultValidation, type ResultIssue } from './validate-result.js';
