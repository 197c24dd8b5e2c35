/**
 * TF-IDF vectors and cosine similarity, for `qcode suggest` (Salton & Buckley 1988,
 * "Term-weighting approaches in automatic text retrieval", Inf. Process. Manag. 24(5)):
 * the weight of term t in a text is tf·idf, tf = its count in the text, idf = ln(N / df),
 * N = passages in scope, df = passages holding t. Similarity is the cosine of the angle
 * between two weight vectors: 0 for no shared term, 1 for proportional vectors.
 */

/** Term counts of a text, by term id. */
export type TermCounts = Map<number, number>;

export function countTerms(ids: ArrayLike<number>, from = 0, to = ids.length): TermCounts {
  const m: TermCounts = new Map();
  for (let i = from; i < to; i++) m.set(ids[i]!, (m.get(ids[i]!) ?? 0) + 1);
  return m;
}

/** idf of every term id: ln(N / df), 0 for a term in no passage. */
export function inverseDocumentFrequency(df: ArrayLike<number>, n: number): Float64Array {
  const idf = new Float64Array(df.length);
  for (let t = 0; t < df.length; t++) idf[t] = df[t]! > 0 ? Math.log(n / df[t]!) : 0;
  return idf;
}

/** The tf·idf vector of term counts, and its Euclidean norm. */
export function weigh(counts: TermCounts, idf: ArrayLike<number>): { weights: Map<number, number>; norm: number } {
  const weights = new Map<number, number>();
  let sq = 0;
  for (const [t, tf] of counts) {
    const w = tf * idf[t]!;
    if (w === 0) continue;
    weights.set(t, w);
    sq += w * w;
  }
  return { weights, norm: Math.sqrt(sq) };
}

/** Cosine similarity of the tf·idf vector of `counts` with a weighed vector; 0 when either is all zeros. */
export function cosine(counts: TermCounts, idf: ArrayLike<number>, ref: { weights: Map<number, number>; norm: number }): number {
  let dot = 0;
  let sq = 0;
  for (const [t, tf] of counts) {
    const w = tf * idf[t]!;
    sq += w * w;
    const r = ref.weights.get(t);
    if (r !== undefined) dot += w * r;
  }
  if (dot === 0 || ref.norm === 0) return 0;
  // Clamped: rounding can give 1.0000000000000002 for identical vectors.
  return Math.min(1, dot / (Math.sqrt(sq) * ref.norm));
}
