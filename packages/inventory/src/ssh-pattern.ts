/*
 * OpenSSH host patterns (ssh_config(5) PATTERNS, match.c): `*` matches any run of characters,
 * `?` exactly one, and a leading `!` negates. Matching ignores case because ssh lowercases the
 * host name before matching it.
 */

export function isNegatedPattern(pattern: string): boolean {
  return pattern.startsWith("!");
}

export function isWildcardPattern(pattern: string): boolean {
  return pattern.includes("*") || pattern.includes("?");
}

/**
 * Glob match of the whole string. Uses the two-pointer algorithm (retry from the last `*`)
 * instead of match.c's recursion, so a crafted pattern like `*a*a*a*b` stays linear-ish.
 */
export function matchPattern(text: string, pattern: string): boolean {
  const s = text.toLowerCase();
  const p = pattern.toLowerCase();
  let si = 0;
  let pi = 0;
  let starAt = -1;
  let starText = 0;
  while (si < s.length) {
    if (pi < p.length && (p[pi] === "?" || p[pi] === s[si])) {
      si++;
      pi++;
    } else if (pi < p.length && p[pi] === "*") {
      starAt = pi++;
      starText = si;
    } else if (starAt >= 0) {
      pi = starAt + 1;
      si = ++starText;
    } else {
      return false;
    }
  }
  while (p[pi] === "*") pi++;
  return pi === p.length;
}

/**
 * The verdict of a list of patterns, as readconf.c applies a `Host` line and hostfile.c a
 * known_hosts host field: any matching negated pattern rejects, otherwise any match accepts.
 */
export function matchPatternList(text: string, patterns: readonly string[]): boolean {
  let isMatched = false;
  for (const pattern of patterns) {
    const isNegated = isNegatedPattern(pattern);
    if (!matchPattern(text, isNegated ? pattern.slice(1) : pattern)) continue;
    if (isNegated) return false;
    isMatched = true;
  }
  return isMatched;
}
