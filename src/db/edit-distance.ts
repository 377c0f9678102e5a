// Hand-written: no edit-distance package is installed, and a full distance would measure every topic to the end
// (the band is orders of magnitude cheaper on long input: README, Measured figures).
/**
 * Levenshtein distance between `a` and `b` if it is at most `max`, else `max + 1`.
 * A path of cost ≤ max from the diagonal 0 to the diagonal d = |b| - |a| can only visit diagonals k = j - i with
 * |k| + |d - k| ≤ max, so each row is computed only across those (at most max + 1 cells), and the work stops
 * as soon as a whole row exceeds `max`. Strings whose lengths differ by more than `max` cost nothing.
 */
export function boundedDistance(a: string, b: string, max: number): number {
  const d = b.length - a.length
  if (Math.abs(d) > max) return max + 1
  if (a.length === 0 || b.length === 0) return Math.max(a.length, b.length)
  const over = max + 1
  const slack = Math.floor((max - Math.abs(d)) / 2)
  const kMin = Math.min(0, d) - slack
  const kMax = Math.max(0, d) + slack
  // row[j]: distance between a[0..i) and b[0..j); cells outside the band hold `over`.
  let row = new Int32Array(b.length + 1).fill(over)
  let next = new Int32Array(b.length + 1).fill(over)
  for (let j = 0; j <= Math.min(b.length, kMax); j++) row[j] = j
  for (let i = 1; i <= a.length; i++) {
    const from = Math.max(0, i + kMin)
    const to = Math.min(b.length, i + kMax)
    // The cells next to the band read by this row and the next one must not keep values of an older row.
    if (from > 0) next[from - 1] = over
    if (to < b.length) next[to + 1] = over
    let best = over
    for (let j = from; j <= to; j++) {
      let value: number
      if (j === 0) value = i
      else {
        const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1
        value = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + cost)
      }
      if (value > over) value = over
      next[j] = value
      if (value < best) best = value
    }
    if (best > max) return over
    const swap = row
    row = next
    next = swap
  }
  return Math.min(row[b.length]!, over)
}
