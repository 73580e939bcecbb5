import RBush from 'rbush';
import { imageKindOf } from './regions/index.js';
import type { Aabb, ImageSize, Region } from './types.js';

export interface IndexedRegion extends Aabb {
  id: string;
  /** Drawing order: larger is on top. */
  order: number;
}

/**
 * An R-tree of the image regions' bounds in world pixels, kept in step with the document by
 * diffing region objects by reference: only regions that changed are re-indexed.
 */
export class SpatialIndex {
  private tree = new RBush<IndexedRegion>();
  private items = new Map<string, IndexedRegion>();
  private source: ReadonlyMap<string, Region> = new Map();
  private size: ImageSize | null = null;
  private counter = 0;

  /** Brings the index up to date with `regions` on an image of `size`. */
  sync(regions: ReadonlyMap<string, Region>, size: ImageSize | null): void {
    if (regions === this.source && size === this.size) return;
    if (size !== this.size || size === null) {
      this.tree.clear();
      this.items.clear();
      this.source = new Map();
      this.size = size;
      if (size === null) return;
    }
    const added: IndexedRegion[] = [];
    for (const [id, region] of regions) {
      if (this.source.get(id) === region) continue;
      const old = this.items.get(id);
      if (old) this.tree.remove(old);
      const item = this.itemFor(region, size, old?.order);
      if (item === undefined) {
        this.items.delete(id);
        continue;
      }
      this.items.set(id, item);
      added.push(item);
    }
    for (const [id, item] of this.items) {
      if (!regions.has(id)) {
        this.tree.remove(item);
        this.items.delete(id);
      }
    }
    // Bulk loading builds a better tree than one insert at a time.
    if (added.length > 64) this.tree.load(added);
    else for (const item of added) this.tree.insert(item);
    this.source = regions;
  }

  /** Indexed regions whose bounds meet `area`. */
  search(area: Aabb): IndexedRegion[] {
    return this.tree.search(area);
  }

  get count(): number {
    return this.items.size;
  }

  private itemFor(region: Region, size: ImageSize, order: number | undefined): IndexedRegion | undefined {
    const kind = imageKindOf(region.geometry);
    if (kind === undefined) return undefined;
    const b = kind.bounds(region.geometry, size);
    return { ...b, id: region.id, order: order ?? ++this.counter };
  }
}
