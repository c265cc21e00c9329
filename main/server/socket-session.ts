/**
 * One authenticated WebSocket: each text frame is a request, answered by
 * dispatch (which validates method and params). A bad frame gets an error
 * reply and the socket stays open; nothing a client sends can throw here.
 */
import type { WebSocket, RawData } from 'ws';
import { dispatch, type Handlers, type ReplyFrame, requestFrameSchema, type RequestFrame } from '../../core/contract/index.js';

/** Past this many queued bytes a client is not reading; it is dropped rather than grow our memory. */
export const MAX_BUFFERED_BYTES = 64 * 1024 * 1024;

export type ParsedFrame = { ok: true; request: RequestFrame } | { ok: false; reply: ReplyFrame };

export function parseRequestFrame(text: string): ParsedFrame {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return refuse(null, `a frame must be JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  const parsed = requestFrameSchema.safeParse(value);
  if (parsed.success) return { ok: true, request: parsed.data };
  const issue = parsed.error.issues[0]!;
  const where = issue.path.length > 0 ? issue.path.join('.') : 'frame';
  return refuse(readableId(value), `a request frame is { id, method, params }: ${where}: ${issue.message}`);
}

/** The reply to one text frame. */
export async function answerFrame(handlers: Handlers, text: string): Promise<ReplyFrame> {
  const parsed = parseRequestFrame(text);
  if (!parsed.ok) return parsed.reply;
  const reply = await dispatch(handlers, parsed.request.method, parsed.request.params);
  return { id: parsed.request.id, ...reply };
}

export function attachSocket(socket: WebSocket, handlers: Handlers, log: (line: string) => void): void {
  socket.on('error', (err) => log(`socket error: ${err.message}`));
  socket.on('message', (data: RawData, isBinary: boolean) => {
    if (isBinary) {
      sendFrame(socket, refuse(null, 'frames must be JSON text, not binary').reply);
      return;
    }
    void answerFrame(handlers, rawText(data)).then(
      (reply) => sendFrame(socket, reply),
      (err: unknown) => log(`request failed: ${err instanceof Error ? err.message : String(err)}`),
    );
  });
}

/** Sends if the socket is open; a value JSON cannot encode becomes an `internal` error reply. */
export function sendFrame(socket: WebSocket, frame: object): void {
  if (socket.readyState !== socket.OPEN) return;
  if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
    socket.terminate();
    return;
  }
  let text: string;
  try {
    text = JSON.stringify(frame);
  } catch (err) {
    const id = 'id' in frame && typeof frame.id === 'number' ? frame.id : null;
    text = JSON.stringify({ id, ok: false, error: { code: 'internal', message: `the reply could not be encoded: ${String(err)}` } });
  }
  socket.send(text);
}

function refuse(id: number | null, message: string): { ok: false; reply: ReplyFrame } {
  return { ok: false, reply: { id, ok: false, error: { code: 'invalid_payload', message } } };
}

function readableId(value: unknown): number | null {
  if (typeof value !== 'object' || value === null || !('id' in value)) return null;
  const id = value.id;
  return typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 ? id : null;
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data instanceof ArrayBuffer ? new Uint8Array(data) : data).toString('utf8');
}
