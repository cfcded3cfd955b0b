/**
 * Disjoint sets over 0..n-1 in a typed array (union by size, path halving).
 * Deterministic: the root of a merged set is the root of the larger set, ties to the smaller index.
 */
export class UnionFind {
  private readonly parent: Uint32Array;
  private readonly size: Uint32Array;

  constructor(n: number) {
    this.parent = new Uint32Array(n);
    this.size = new Uint32Array(n).fill(1);
    for (let i = 0; i < n; i++) this.parent[i] = i;
  }

  /** Representative of x's set. */
  find(x: number): number {
    const p = this.parent;
    while (p[x] !== x) {
      p[x] = p[p[x]!]!;
      x = p[x]!;
    }
    return x;
  }

  /** Merges the sets of a and b; returns false when they were already one. */
  union(a: number, b: number): boolean {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return false;
    const sa = this.size[ra]!;
    const sb = this.size[rb]!;
    if (sa < sb || (sa === sb && rb < ra)) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    this.size[ra] = sa + sb;
    return true;
  }

  /** Number of elements in x's set. */
  setSize(x: number): number {
    return this.size[this.find(x)]!;
  }

  /**
   * The sets with more than one member, each ascending, ordered by their smallest member.
   */
  groups(): number[][] {
    const n = this.parent.length;
    const byRoot = new Map<number, number[]>();
    for (let i = 0; i < n; i++) {
      if (this.size[this.find(i)]! < 2) continue;
      const r = this.find(i);
      let g = byRoot.get(r);
      if (!g) byRoot.set(r, (g = []));
      g.push(i);
    }
    return [...byRoot.values()].sort((x, y) => x[0]! - y[0]!);
  }
}
