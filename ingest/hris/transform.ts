import { parse } from 'csv-parse/sync';
import { WhohasError } from '../../src/errors';
import type { Payload, TransformContext, TransformResult } from '../core/connector';
import { BundleBuilder, type Where } from '../core/bundle-builder';
import { hrDate } from './dates';
import type { HrisOptions } from './options';

type Row = Record<string, string>;
interface Worker {
  at: Where;
  row: Row;
  employeeId: string;
}

/** HR export rows -> human identities. Pure: the CSV text and the run's clock in, records out. */
export function transformHris(payloads: Payload[], options: HrisOptions, ctx: TransformContext): TransformResult {
  const b = new BundleBuilder({
    source: options.source ?? `hris:${payloads[0]?.name.replace(/\.[^.]+$/, '').replace(/[^A-Za-z0-9_.:-]/g, '-') ?? 'export'}`,
    mode: 'full',
    exportedAt: ctx.now.toISOString(),
  });
  const workers: Worker[] = [];
  for (const payload of payloads) workers.push(...readWorkers(payload, options, b));

  const ids = new Set(workers.map((w) => w.employeeId));
  let managerOutside = 0;
  let pastTermination = 0;
  for (const { at, row, employeeId } of workers) {
    const c = options.columns;
    const cell = (col: string) => row[col]?.trim() || undefined;
    const managerCell = cell(c.managerId);
    // A manager outside the export is not a reason to drop the worker: keep them, leave the edge out.
    const managerId = managerCell && ids.has(managerCell) && managerCell !== employeeId ? options.idPrefix + managerCell : undefined;
    if (managerCell && !managerId) managerOutside++;

    const id = options.idPrefix + employeeId;
    const hireDate = dateCell(cell(c.hireDate), c.hireDate, at, id, options, b);
    const terminationDate = dateCell(cell(c.terminationDate), c.terminationDate, at, id, options, b);
    if (hireDate === false || terminationDate === false) continue;
    const status = statusOf(cell(c.status), terminationDate, ctx.now, options);
    if (!status) {
      b.reject(at, c.status, `unknown worker status '${cell(c.status)}'; map it with options.statusMap`, { id: options.idPrefix + employeeId }, 'identities');
      continue;
    }
    if (status.fromDate) pastTermination++;

    const name = cell(c.displayName) ?? ([cell(c.firstName), cell(c.lastName)].filter(Boolean).join(' ') || employeeId);
    const attributes: Record<string, string> = { employeeNumber: employeeId };
    const workerType = cell(c.workerType);
    if (workerType) attributes.workerType = workerType;
    if (options.extraColumns === 'attributes') {
      const mapped = new Set(Object.values(c));
      for (const [k, v] of Object.entries(row)) if (!mapped.has(k) && v.trim()) attributes[attributeKey(k)] = v.trim();
    }
    b.add(
      'identities',
      {
        id: options.idPrefix + employeeId,
        kind: 'human',
        displayName: name,
        email: cell(c.email),
        department: cell(c.department),
        title: cell(c.title),
        managerId,
        status: status.value,
        createdAt: hireDate ?? undefined,
        terminatedAt: terminationDate && status.value === 'terminated' ? terminationDate : undefined,
        attributes,
      },
      at,
    );
  }
  if (managerOutside) b.note(`${managerOutside} worker(s) name a manager who is not in the export; their manager link was left out`);
  if (pastTermination) b.note(`${pastTermination} worker(s) with a termination date in the past and no terminated status were taken as terminated`);
  return b.result();
}

function readWorkers(payload: Payload, options: HrisOptions, b: BundleBuilder): Worker[] {
  let parsed: { record: Row; info: { lines: number } }[];
  try {
    parsed = parse(payload.text, {
      columns: true,
      info: true,
      bom: true,
      delimiter: options.delimiter,
      skip_empty_lines: true,
      trim: true,
      skip_records_with_error: true,
      on_skip: (err: { message: string; lines?: number } | undefined) => {
        if (err) b.reject({ file: payload.name, line: err.lines ?? 0 }, null, `malformed CSV row: ${err.message}`);
      },
    }) as never;
  } catch (e) {
    throw new WhohasError('BUNDLE_FILE_UNREADABLE', `${payload.name} is not a readable CSV file: ${e instanceof Error ? e.message : String(e)}`, {
      file: payload.name,
    });
  }
  const idColumn = options.columns.employeeId;
  if (parsed.length && !(idColumn in parsed[0].record)) {
    const header = Object.keys(parsed[0].record).join(', ');
    throw new WhohasError(
      'CONFIG_INVALID',
      `${payload.name} has no '${idColumn}' column (columns: ${header}); set options.columns.employeeId to the column that holds the employee id`,
      { file: payload.name },
    );
  }
  const workers: Worker[] = [];
  for (const { record, info } of parsed) {
    const at = { file: payload.name, line: info.lines };
    const employeeId = record[idColumn]?.trim();
    if (!employeeId) b.reject(at, idColumn, 'missing employee id');
    else workers.push({ at, row: record, employeeId });
  }
  return workers;
}

/** undefined = empty cell, false = unreadable (rejected). */
function dateCell(cell: string | undefined, column: string, at: Where, id: string, options: HrisOptions, b: BundleBuilder): string | undefined | false {
  if (!cell) return undefined;
  const iso = hrDate(cell, options.dateOrder);
  if (iso) return iso;
  b.reject(at, column, `'${cell}' is not a date in ${options.dateOrder} order (or ISO-8601)`, { id }, 'identities');
  return false;
}

function statusOf(cell: string | undefined, terminationDate: string | undefined, now: Date, options: HrisOptions) {
  const ended = terminationDate !== undefined && Date.parse(terminationDate) <= now.getTime();
  if (!cell) return { value: ended ? ('terminated' as const) : ('active' as const), fromDate: false };
  const mapped = options.statusMap[cell.toLowerCase()];
  if (!mapped) return null;
  if (mapped !== 'terminated' && ended) return { value: 'terminated' as const, fromDate: true };
  return { value: mapped, fromDate: false };
}

/** `Cost Center` -> `costCenter`, so attribute names read like the rest of the model. */
function attributeKey(column: string): string {
  const words = column.trim().split(/[^A-Za-z0-9]+/).filter(Boolean);
  return words.map((w, i) => (i ? w[0].toUpperCase() + w.slice(1) : w[0].toLowerCase() + w.slice(1))).join('') || column;
}
