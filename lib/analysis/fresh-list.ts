/**
 * Arrays that V8 never allocates straight into the old generation.
 *
 * V8 pretenures by allocation site: every array or object literal in the source is one site, and
 * once most of a site's objects have survived a young-generation collection, everything that site
 * allocates goes to the old generation, which only a full collection frees. The analysis' set
 * operations make both kinds from the same lines: the first-match pass keeps its results for the
 * whole lint, the covering-set replays make millions of pieces that die at once. When a site was
 * pretenured during the pass, the replays' garbage filled the old generation: a 10,000-rule lint
 * peaked at 619–732 MB instead of about 510 MB in 6 of 14 runs beside a busy process
 * (docs/performance.md). An array a builtin makes (`slice`) belongs to no site, and a class
 * instance is not pretenured either (box.ts), so the lists that both phases build come from here.
 *
 * The template holds `null`, not a number, so every list starts as a generic array, the kind a
 * literal's site settles on here too: interval bounds share their code between IPv4 numbers and
 * IPv6 BigInts, so V8 turns number arrays generic as soon as both meet, copying and boxing each
 * address from 128.0.0.0 up again; lists made generic from the start are never converted.
 */
const TEMPLATE: readonly unknown[] = [null];

/** A new empty array (costs a builtin call more than `[]`, a few nanoseconds). */
export function freshList<T>(): T[] {
  return TEMPLATE.slice(0, 0) as T[];
}

/** A new array of one item, with room for that item only (`push` would leave room for 16). */
export function listOf<T>(item: T): T[] {
  const list = TEMPLATE.slice() as T[];
  list[0] = item;
  return list;
}
