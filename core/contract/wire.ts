/**
 * How the contract travels. Browser mode: JSON text frames over one WebSocket
 * (`ws://127.0.0.1:PORT/ws`). Electron: the same Reply and EventMessage
 * objects over the preload bridge (the window's `lab` global), without ids.
 *
 *   client -> host   { id, method, params }
 *   host -> client   { id, ok: true, result } | { id, ok: false, error }
 *   host -> client   { event, payload }                      (pushed)
 *
 * A reply's id is the request's; it is null only when the host could not read
 * an id from the frame (not JSON, not an object, ...): such replies answer no
 * pending request, and a client logs them.
 */
import { z } from 'zod';
import { errorEnvelopeSchema } from './errors.js';
import { events, type EventMessage, type EventName } from './events.js';
import type { Reply } from './dispatch.js';

/** The path of the WebSocket endpoint in browser mode. */
export const WIRE_SOCKET_PATH = '/ws';
/** Frames larger than this close the socket (code 1009). */
export const WIRE_MAX_FRAME_BYTES = 16 * 1024 * 1024;

const requestId = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const requestFrameSchema = z.strictObject({
  id: requestId,
  method: z.string().min(1).max(200),
  /** Optional because JSON drops an undefined value; dispatch reads a missing one as {}. */
  params: z.unknown().optional(),
});
export type RequestFrame = z.infer<typeof requestFrameSchema>;

export const replyFrameSchema = z.union([
  z.strictObject({ id: requestId.nullable(), ok: z.literal(true), result: z.unknown().optional() }),
  z.strictObject({ id: requestId.nullable(), ok: z.literal(false), error: errorEnvelopeSchema }),
]);
export type ReplyFrame = Reply & { id: number | null };

/** One schema per event (name and payload as in events.ts), as a union on `event`. */
const eventFrameOptions = (Object.keys(events) as EventName[]).map((name) =>
  z.strictObject({ event: z.literal(name), payload: events[name] }),
);
export const eventFrameSchema = z.discriminatedUnion(
  'event',
  eventFrameOptions as [(typeof eventFrameOptions)[number], ...(typeof eventFrameOptions)[number][]],
) as unknown as z.ZodType<EventMessage>;
export type EventFrame = EventMessage;

/** Anything the host sends: a reply (has `id`) or an event (has `event`). */
export type HostFrame = ReplyFrame | EventFrame;

export function isReplyFrame(frame: HostFrame): frame is ReplyFrame {
  return 'id' in frame;
}

/** What the Electron preload exposes as the window's `lab` global (contextBridge: functions and plain data only). */
export interface LabBridge {
  invoke(method: string, params?: unknown): Promise<Reply>;
  /** Returns the unsubscribe function. */
  onEvent(listener: (message: EventMessage) => void): () => void;
  platform: LabPlatform;
}

export interface LabPlatform {
  host: 'electron';
  /** process.platform: 'darwin', 'win32', 'linux', ... */
  os: string;
  versions: { electron: string; chrome: string; node: string };
}
