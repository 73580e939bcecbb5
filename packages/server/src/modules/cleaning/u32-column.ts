/** A growing column of unsigned 32-bit numbers: 4 bytes an entry, where a JS array of objects would cost ~50. */
export class U32Column {
  private data = new Uint32Array(1024);
  private count = 0;

  get length(): number {
    return this.count;
  }

  push(value: number): number {
    if (this.count === this.data.length) {
      const grown = new Uint32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.count] = value;
    return this.count++;
  }

  get(index: number): number {
    return this.data[index]!;
  }
}

/** Union–find over 0…n−1 with path halving. */
export class UnionFind {
  readonly parent: Int32Array;

  constructor(n: number) {
    this.parent = Int32Array.from({ length: n }, (_, i) => i);
  }

  find(i: number): number {
    const p = this.parent;
    while (p[i] !== i) {
      p[i] = p[p[i]!]!;
      i = p[i]!;
    }
    return i;
  }

  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[ra] = rb;
  }
}
