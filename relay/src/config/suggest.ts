// Typo help for config keys, sections, environment variables and choices: the closest known
// word, when it is close enough to be what was meant.

export function suggest(word: string, candidates: readonly string[]): string {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = distance(word.toLowerCase(), candidate.toLowerCase());
    const tail = candidate.split('.').pop()!;
    const dTail = distance(word.toLowerCase().split('.').pop()!, tail.toLowerCase());
    const score = Math.min(d, dTail);
    if (score < bestDistance) [best, bestDistance] = [candidate, score];
  }
  return best !== null && bestDistance <= Math.max(2, Math.floor(word.length / 4)) ? `; did you mean \`${best}\`?` : '';
}

function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = row;
  }
  return previous[b.length]!;
}
