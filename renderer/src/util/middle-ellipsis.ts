/**
 * Long names cut in the middle: sweep labels differ at their ends
 * (`GD model.init={"kind":"positive",...} lr=0.03` vs `... lr=0.06`), so an
 * end ellipsis would make two runs read the same. Shown with the whole name on hover.
 */
export function middleEllipsis(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max || max < 3) return text;
  const keep = max - 1;
  // The end carries the last sweep value: give it the larger half.
  const head = Math.floor(keep / 2);
  const tail = keep - head;
  return `${chars.slice(0, head).join('')}…${chars.slice(chars.length - tail).join('')}`;
}
