/** Python's `round(x)`: halves go to the even neighbour (round(2.5) == 2, round(3.5) == 4). */
export function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  // Products like 9 * 0.5 are exact; a tolerance would wrongly treat 2.5000000001 as a half.
  if (diff < 0.5) return floor;
  if (diff > 0.5) return floor + 1;
  return floor % 2 === 0 ? floor : floor + 1;
}
