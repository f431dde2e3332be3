/** Structured logs: one JSON object per line (time, level, msg, fields), or plain lines for people. */
export type LogLevel = 'info' | 'warn' | 'error';
export type Logger = (level: LogLevel, msg: string, fields?: Record<string, unknown>) => void;

export function jsonLogger(write: (line: string) => void = (l) => process.stdout.write(l)): Logger {
  return (level, msg, fields = {}) => write(JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields }) + '\n');
}

export function textLogger(write: (line: string) => void = (l) => process.stdout.write(l)): Logger {
  return (level, msg, fields = {}) => {
    const extra = Object.entries(fields)
      .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
      .join(' ');
    write(`[whohas] ${level === 'info' ? '' : `${level.toUpperCase()}: `}${msg}${extra ? ` (${extra})` : ''}\n`);
  };
}

export const silentLogger: Logger = () => undefined;
