/** Column names must be unique: a name given twice is an E_DATA error naming both positions. */
import { DataError } from '../../core/errors.js';

/**
 * Two columns with one name would make every later reference ambiguous (a header `a,y,c,y` with
 * target `y`): refused, naming both 1-based positions. Readers that rename duplicates themselves
 * (DuckDB's `y_1`) check their raw header first (file-reader.ts).
 */
export function checkUniqueNames(names: readonly string[], origin: string): void {
  const seen = new Map<string, number>();
  names.forEach((name, i) => {
    const first = seen.get(name);
    if (first !== undefined) throw duplicateColumnError(origin, name, first + 1, i + 1);
    seen.set(name, i);
  });
}

/** The E_DATA error for a column name given twice (positions are 1-based); `alike` is the first spelling when only the case differs. */
export function duplicateColumnError(origin: string, name: string, first: number, second: number, alike = name): DataError {
  const what =
    alike === name
      ? `the column name '${name}' appears twice (columns ${first} and ${second})`
      : `the column names '${alike}' (column ${first}) and '${name}' (column ${second}) differ only in letter case, which the CSV reader cannot tell apart`;
  return new DataError(`${origin}: ${what}; rename one of them in the file or query, or give every column a unique name with \`columns\` (plus \`header: true\` to skip the header line)`, {
    origin,
    column: name,
    positions: [first, second],
  });
}
