import { join } from 'node:path';
import { LOG_FILE, verifyLog } from '../audit/decision-log';
import type { ChainReport } from '../audit/chain';
import type { Config } from '../config';

/**
 * `whohas audit verify`: checks the decision log's hash chain straight from disk. Needs no server and
 * no store, so it runs beside a live server, or on a copy of the log an auditor was handed.
 */
export function auditVerifyCommand(config: Config, dir: string | undefined): { file: string; report: ChainReport } {
  const file = join(dir ?? config.auditDir, LOG_FILE);
  return { file, report: verifyLog(file) };
}

export function printAudit({ file, report }: { file: string; report: ChainReport }, out: (s: string) => void): void {
  if (report.intact) {
    out(`decision log ${file}: intact, ${report.records} record(s)`);
    if (report.headSeq !== null) out(`  head: record ${report.headSeq}, ${report.headHash}`);
    out('  (a log cut short at its end keeps an intact chain: compare the head with a copy kept elsewhere)');
    return;
  }
  const b = report.brokenAt!;
  out(`decision log ${file}: BROKEN at line ${b.line}${b.seq !== null ? ` (record ${b.seq})` : ''}`);
  out(`  ${b.reason}`);
  out(`  ${report.records} record(s) before it check out`);
}
