import type { HrisOptions } from './options';

const ZONED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const YMD = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const SLASHED = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/;

/**
 * An HR date cell as an ISO time with zone, or null when it cannot be read. Date-only cells are
 * UTC midnight: the spec needs a zone, and HR dates are calendar days, not instants.
 */
export function hrDate(cell: string, order: HrisOptions['dateOrder']): string | null {
  const s = cell.trim();
  if (ZONED.test(s)) return Number.isNaN(Date.parse(s)) ? null : new Date(s).toISOString();
  let y: number, m: number, d: number;
  const ymd = YMD.exec(s);
  const slashed = SLASHED.exec(s);
  if (ymd) [y, m, d] = [Number(ymd[1]), Number(ymd[2]), Number(ymd[3])];
  else if (slashed && order !== 'ymd') {
    const [a, b] = [Number(slashed[1]), Number(slashed[2])];
    [y, m, d] = order === 'mdy' ? [Number(slashed[3]), a, b] : [Number(slashed[3]), b, a];
  } else return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  // Date.UTC rolls 2024-02-31 over to March; a real export never means that.
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString();
}
