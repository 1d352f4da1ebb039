/**
 * Strict parsers for text cells: numbers, booleans and ISO-8601 dates. They return NaN for anything
 * they do not recognise, so callers can count and report the cells that did not parse.
 */

// A plain decimal or scientific literal with optional surrounding spaces. Thousands separators,
// currency signs and percentages are deliberately not numbers: guessing them would hide dirty data.
const NUMBER_RE = /^\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\s*$/;
const INFINITY_RE = /^\s*([+-]?)(?:inf|infinity)\s*$/i;

/** The number a cell spells, or NaN. */
export function parseNumber(s: string): number {
  if (NUMBER_RE.test(s)) return Number(s);
  const inf = INFINITY_RE.exec(s);
  if (inf) return inf[1] === '-' ? -Infinity : Infinity;
  return NaN;
}

/**
 * How numbers are written in a source: the decimal mark and an optional thousands separator
 * (`{ thousands: ',', decimal: '.' }` reads "7,123.4"; `{ thousands: '.', decimal: ',' }` reads
 * "7.123,4"). Groups must be well formed — one to three digits, then groups of exactly three — so
 * "1,2,3" stays text rather than becoming 123.
 */
export interface NumberFormat {
  readonly thousands?: string;
  readonly decimal?: string;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The parser for cells written in `format`: plain literals as `parseNumber` reads them (with the
 * decimal mark swapped in), plus correctly grouped thousands when a separator is given.
 *
 * @example
 * numberParser({ thousands: ',' })('"7,123.4"'.slice(1, -1)); // 7123.4
 */
export function numberParser(format: NumberFormat = {}): (s: string) => number {
  const t = format.thousands;
  const d = format.decimal ?? '.';
  if (t === undefined && d === '.') return parseNumber;
  const D = escapeRe(d);
  const int = t === undefined ? '\\d+' : `(?:\\d{1,3}(?:${escapeRe(t)}\\d{3})+|\\d+)`;
  const re = new RegExp(`^\\s*([+-]?)(${int})(?:${D}(\\d*))?(?:[eE]([+-]?\\d+))?\\s*$|^\\s*([+-]?)${D}(\\d+)(?:[eE]([+-]?\\d+))?\\s*$`);
  const strip = t === undefined ? null : new RegExp(escapeRe(t), 'g');
  return (s: string): number => {
    const m = re.exec(s);
    if (!m) {
      const inf = INFINITY_RE.exec(s);
      return inf ? (inf[1] === '-' ? -Infinity : Infinity) : NaN;
    }
    const literal =
      m[2] !== undefined
        ? `${m[1]}${strip ? m[2].replace(strip, '') : m[2]}${m[3] !== undefined ? `.${m[3]}` : ''}${m[4] !== undefined ? `e${m[4]}` : ''}`
        : `${m[5]}.${m[6]}${m[7] !== undefined ? `e${m[7]}` : ''}`;
    return Number(literal);
  };
}

const BOOLEAN_TOKENS: ReadonlyMap<string, number> = new Map([
  ['true', 1],
  ['false', 0],
  ['yes', 1],
  ['no', 0],
]);

/** 1 for true/yes, 0 for false/no (any case, trimmed), NaN otherwise. */
export function parseBooleanToken(s: string): number {
  return BOOLEAN_TOKENS.get(s.trim().toLowerCase()) ?? NaN;
}

// ISO-8601 dates and timestamps, basic (20141013T000000) or extended (2014-10-13 00:00:00.5+02:00).
const DATE_RE =
  /^\s*(\d{4})-?(\d{2})-?(\d{2})(?:[T ](\d{2}):?(\d{2})(?::?(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?\s*$/;

/** Epoch milliseconds (UTC unless the text carries an offset) of an ISO-8601 date, or NaN. */
export function parseIsoDate(s: string): number {
  const m = DATE_RE.exec(s);
  if (!m) return NaN;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [hh, mm, ss] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hh > 23 || mm > 59 || ss > 60) return NaN;
  const ms = m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0;
  let t = Date.UTC(year, month - 1, day, hh, mm, ss, ms);
  // Date.UTC rolls 31 February over into March: refuse it instead of inventing a date.
  if (new Date(t).getUTCDate() !== day) return NaN;
  const tz = m[8];
  if (tz && tz !== 'Z') {
    const sign = tz[0] === '-' ? -1 : 1;
    const digits = tz.slice(1).replace(':', '');
    const offsetMin = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0);
    t -= sign * offsetMin * 60_000;
  }
  return t;
}

/** Shows a cell in an error message: quoted, truncated, with invisible whitespace kept visible. */
export function showValue(s: string): string {
  const cut = s.length > 40 ? `${s.slice(0, 40)}…` : s;
  return `'${cut.replace(/\n/g, '\\n').replace(/\t/g, '\\t')}'`;
}
