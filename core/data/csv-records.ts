/**
 * RFC 4180 record splitting: comma-separated cells, double-quoted cells may
 * hold commas, line breaks and doubled quotes (""), records end with CRLF or
 * LF (a lone CR is accepted too). Lenient where it costs nothing: spaces and
 * tabs around a quoted cell are ignored, a leading byte-order mark is skipped.
 * Hand-written over char codes because 100k+ row files must split fast.
 */

export interface CsvRecord {
  cells: string[];
  /** 1-based line on which the record starts (records with quoted line breaks span several lines). */
  line: number;
  /** One unquoted cell of only whitespace: an empty line. */
  blank: boolean;
}

/** A malformed record; the caller words it for the user. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly problem: string,
  ) {
    super(`line ${line}: ${problem}`);
  }
}

const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;
const BOM = 0xfeff;

/** Calls `onRecord` for every record in order; the `cells` array is fresh each time. */
export function forEachCsvRecord(text: string, onRecord: (record: CsvRecord) => void): void {
  const len = text.length;
  let i = text.charCodeAt(0) === BOM ? 1 : 0;
  let line = 1;
  while (i < len) {
    const startLine = line;
    const cells: string[] = [];
    let quoted = false;
    for (;;) {
      let j = i;
      while (j < len && isBlank(text.charCodeAt(j))) j++;
      if (j < len && text.charCodeAt(j) === QUOTE) {
        quoted = true;
        const cellLine = line;
        let value = '';
        let segment = j + 1;
        let k = segment;
        for (;;) {
          const q = text.indexOf('"', k);
          if (q < 0) throw new CsvSyntaxError(cellLine, 'a quoted cell starts here but its closing quote is missing');
          if (text.charCodeAt(q + 1) === QUOTE) {
            value += text.slice(segment, q + 1); // "" is one literal quote
            k = q + 2;
            segment = k;
            continue;
          }
          value += text.slice(segment, q);
          k = q + 1;
          break;
        }
        line += countLineBreaks(text, j, k);
        while (k < len && isBlank(text.charCodeAt(k))) k++;
        cells.push(value);
        i = k;
      } else {
        let k = j;
        while (k < len) {
          const c = text.charCodeAt(k);
          if (c === COMMA || c === LF || c === CR) break;
          k++;
        }
        cells.push(text.slice(i, k));
        i = k;
      }
      if (i >= len) break;
      const c = text.charCodeAt(i);
      if (c === COMMA) {
        i++;
        if (i >= len) {
          cells.push(''); // "a,b," ends with an empty cell
          break;
        }
        continue;
      }
      if (c === CR) {
        i += text.charCodeAt(i + 1) === LF ? 2 : 1;
        line++;
        break;
      }
      if (c === LF) {
        i++;
        line++;
        break;
      }
      throw new CsvSyntaxError(line, `unexpected text after the closing quote of cell ${cells.length}`);
    }
    const blank = !quoted && cells.length === 1 && cells[0]!.trim() === '';
    onRecord({ cells, line: startLine, blank });
  }
}

function isBlank(c: number): boolean {
  return c === SPACE || c === TAB;
}

/** Line breaks in text[from, to): CRLF, LF or a lone CR each count once. */
function countLineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === LF) count++;
    else if (c === CR && text.charCodeAt(k + 1) !== LF) count++;
  }
  return count;
}
