/**
 * Lines of text that arrives in chunks, ended as node's readline ends them: `\n`, `\r\n`, or a
 * lone `\r` (so line numbers in messages match what editors show). readline hands over one line
 * per event and per promise; a bundle's usage file has millions of lines, and that handing over
 * took as long as parsing them. Here a chunk gives all its complete lines at once.
 */
export class LineSplitter {
  private rest = '';

  /** The lines `chunk` completes; a trailing `\r` waits for the next chunk, which may start with `\n`. */
  push(chunk: string): string[] {
    const text = this.rest + chunk;
    const lines: string[] = [];
    let start = 0;
    if (text.indexOf('\r') < 0) {
      // Files written on Linux and macOS: no carriage return, so the builtin search can find each break.
      for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', start)) {
        lines.push(text.slice(start, at));
        start = at + 1;
      }
      this.rest = text.slice(start);
      return lines;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) {
        lines.push(text.slice(start, i));
        start = i + 1;
      } else if (c === 13) {
        if (i + 1 === text.length) break;
        lines.push(text.slice(start, i));
        if (text.charCodeAt(i + 1) === 10) i++;
        start = i + 1;
      }
    }
    this.rest = text.slice(start);
    return lines;
  }

  /** The last line, when the text does not end with a line break. */
  end(): string[] {
    const last = this.rest;
    this.rest = '';
    if (last.endsWith('\r')) return [last.slice(0, -1)];
    return last ? [last] : [];
  }
}
