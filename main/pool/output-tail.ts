/** The last few kilobytes a worker wrote, kept to explain why it crashed (and so its pipes never fill up). */
export class OutputTail {
  private text = '';

  constructor(private readonly maxChars = 8192) {}

  /** Feed a stream: everything is read, only the tail is kept. */
  follow(stream: NodeJS.ReadableStream | null | undefined): void {
    if (!stream) return;
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => this.append(chunk));
  }

  append(chunk: string): void {
    this.text += chunk;
    if (this.text.length > this.maxChars) this.text = this.text.slice(this.text.length - this.maxChars);
  }

  toString(): string {
    return this.text;
  }
}

/** The last non-empty line of a worker's output, or null: the most telling part of a crash. */
export function lastLine(output: string): string | null {
  const lines = output.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length > 0);
  return lines.length > 0 ? lines[lines.length - 1]! : null;
}
