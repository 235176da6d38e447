/**
 * Username patterns are matched against the whole `<Domain>\<User>` name. Microsoft documents
 * `*jeff*` as working "but not `jeff*`": a pattern without `\` that does not start with `*` can
 * only match users of a domain whose name starts with the pattern's text, never the user it names
 * (car-reference.md §1.5).
 */
export function isDomainlessPattern(pattern: string): boolean {
  return !pattern.includes("\\") && !pattern.startsWith("*");
}

/** Every pattern of the condition is domainless, so the condition cannot match the users it names. */
export function allPatternsDomainless(patterns: readonly string[] | undefined): boolean {
  return patterns !== undefined && patterns.length > 0 && patterns.every(isDomainlessPattern);
}
