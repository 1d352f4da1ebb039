/**
 * A small strict CSV parser for text already in memory (a request body): RFC 4180 — comma-separated,
 * fields optionally in double quotes with `""` for a quote, LF or CRLF line ends, a header line. Files
 * go through DuckDB (file-reader.ts), whose start-up costs more than a whole prediction; a request's
 * rows are few and arrive as one string, so they are split here in one pass, column by column.
 *
 * Like the file reader it never pads or skips a ragged row, and cells spelled as one of the loader's
 * missing-value markers (`''`, `NA`, `N/A`, `NaN`, `nan`, `null`, `NULL`) are missing (`null`).
 */
import { DataError, InvalidParamError } from '../../core/errors.js';
import { NULL_STRINGS } from './csv-dialect.js';

/** What {@link parseCsvText} returns: the header and, per column, its cells (null = missing). */
export interface CsvText {
  header: string[];
  /** `columns[j][i]`: the cell of column j in data row i. */
  columns: (string | null)[][];
  rows: number;
}

const NULLS: ReadonlySet<string> = new Set(NULL_STRINGS);

/**
 * Parses `text` (a header line, then data rows). `origin` names the text in errors; more than
 * `maxRows` data rows is E_INVALID_PARAM, a ragged row or an unclosed quote E_DATA naming the line.
 *
 * @example
 * parseCsvText('a,b\n1,"x, y"\n', 'request').columns; // [['1'], ['x, y']]
 */
export function parseCsvText(text: string, origin: string, maxRows = Infinity): CsvText {
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  let line = 1;
  let header: string[] | null = null;
  let columns: (string | null)[][] = [];
  let rows = 0;
  const record: string[] = [];
  const quoted: boolean[] = [];
  while (pos < n) {
    record.length = 0;
    quoted.length = 0;
    const startLine = line;
    // One record: fields until an unquoted line end or the end of the text.
    for (;;) {
      let field: string;
      let wasQuoted = false;
      if (text.charCodeAt(pos) === 34 /* " */) {
        wasQuoted = true;
        let out = '';
        let from = ++pos;
        for (;;) {
          const q = text.indexOf('"', pos);
          if (q < 0) throw new DataError(`${origin}: line ${startLine}: a quoted field is never closed; end it with '"' (write a quote inside a field as "")`, { origin, line: startLine });
          if (text.charCodeAt(q + 1) === 34) {
            out += text.slice(from, q + 1);
            pos = from = q + 2;
            continue;
          }
          out += text.slice(from, q);
          pos = q + 1;
          break;
        }
        for (let i = 0; i < out.length; i++) if (out.charCodeAt(i) === 10) line++;
        field = out;
        const c = text.charCodeAt(pos);
        if (pos < n && c !== 44 && c !== 10 && c !== 13) {
          throw new DataError(`${origin}: line ${line}: text after a closing quote (${JSON.stringify(text.slice(pos, pos + 10))}); quote the whole field`, { origin, line });
        }
      } else {
        let end = pos;
        while (end < n) {
          const c = text.charCodeAt(end);
          if (c === 44 || c === 10 || c === 13) break;
          if (c === 34) throw new DataError(`${origin}: line ${line}: a quote inside an unquoted field; quote the field and double the quote ("")`, { origin, line });
          end++;
        }
        field = text.slice(pos, end);
        pos = end;
      }
      record.push(field);
      quoted.push(wasQuoted);
      if (pos < n && text.charCodeAt(pos) === 44) {
        pos++;
        continue;
      }
      // Line end (CRLF, LF or a lone CR) or the end of the text.
      if (pos < n && text.charCodeAt(pos) === 13) pos++;
      if (pos < n && text.charCodeAt(pos) === 10) pos++;
      line++;
      break;
    }
    if (record.length === 1 && record[0] === '' && !quoted[0]) continue; // a blank line
    if (header === null) {
      header = record.slice();
      const seen = new Map<string, number>();
      header.forEach((name, j) => {
        if (name === '') throw new DataError(`${origin}: the header's column ${j + 1} has no name; name every column`, { origin, column: j + 1 });
        const first = seen.get(name);
        if (first !== undefined) throw new DataError(`${origin}: the header names '${name}' twice (columns ${first + 1} and ${j + 1}); give every column a unique name`, { origin, column: name });
        seen.set(name, j);
      });
      columns = header.map(() => []);
      continue;
    }
    if (record.length !== header.length) {
      throw new DataError(`${origin}: line ${startLine} has ${record.length} fields, expected ${header.length}; fix or remove that row (ragged rows are never padded or skipped)`, {
        origin,
        line: startLine,
        expected: header.length,
        found: record.length,
      });
    }
    if (++rows > maxRows) throw new InvalidParamError(`${origin}: more than ${maxRows} rows; send at most ${maxRows} rows per request`, { origin, maxRows });
    for (let j = 0; j < record.length; j++) columns[j].push(NULLS.has(record[j]) ? null : record[j]);
  }
  if (header === null) throw new DataError(`${origin}: no header line; send the column names first, then the rows`, { origin });
  return { header, columns, rows };
}
