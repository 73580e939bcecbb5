import type { ResultItem } from '@laoshi/core';

/** A Label Studio result item as the editor writes it (core's `ResultItem`). */
export type EditorResultItem = ResultItem;
