/**
 * "Did you mean …?" candidates for misspelt parameter names and enum values.
 */

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions), case-insensitive. */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  const rows = s.length + 1;
  const cols = t.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) {
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      }
      d[i]![j] = best;
    }
  }
  return d[rows - 1]![cols - 1]!;
}

const MAX_COMPARED_LENGTH = 80;

/**
 * The candidates close enough to `text` to be a likely misspelling, best first. "Close" scales
 * with length (a third of the word, at least 2 edits) so short words don't match everything.
 * A candidate that starts with, or is contained in, the text (`AnyOfProtocol` → `AnyOfProtocols`)
 * always counts.
 */
export function closestMatches(text: string, candidates: readonly string[], limit = 3): string[] {
  const trimmed = text.trim();
  if (trimmed === "" || trimmed.length > MAX_COMPARED_LENGTH) return [];
  const lower = trimmed.toLowerCase();
  const scored: Array<{ candidate: string; distance: number }> = [];
  for (const candidate of candidates) {
    const candidateLower = candidate.toLowerCase();
    if (candidateLower === lower) continue;
    const distance = editDistance(trimmed, candidate);
    const threshold = Math.max(2, Math.floor(candidate.length / 3));
    const affix =
      lower.length >= 4 && (candidateLower.startsWith(lower) || lower.startsWith(candidateLower));
    if (distance <= threshold || affix) scored.push({ candidate, distance });
  }
  scored.sort((x, y) => x.distance - y.distance || x.candidate.localeCompare(y.candidate));
  return scored.slice(0, limit).map((entry) => entry.candidate);
}
