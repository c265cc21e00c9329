import { describe, expect, it } from 'vitest';
import { eventFrameSchema, isReplyFrame, replyFrameSchema, requestFrameSchema } from '../../../core/contract/index.js';

describe('wire frames', () => {
  it('requests are { id, method, params } with a non-negative integer id', () => {
    expect(requestFrameSchema.safeParse({ id: 0, method: 'app.info', params: {} }).success).toBe(true);
    expect(requestFrameSchema.safeParse({ id: 1, method: 'runs.list' }).success).toBe(true);
    for (const bad of [{ id: -1, method: 'x' }, { id: 1.5, method: 'x' }, { id: '1', method: 'x' }, { id: 1, method: '' }, { id: 1, method: 'x', extra: 1 }, [1]]) {
      expect(requestFrameSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it('replies carry the id (null when the request had none readable) and a result or an envelope', () => {
    expect(replyFrameSchema.safeParse({ id: 3, ok: true, result: [1] }).success).toBe(true);
    expect(replyFrameSchema.safeParse({ id: null, ok: false, error: { code: 'invalid_payload', message: 'm' } }).success).toBe(true);
    expect(replyFrameSchema.safeParse({ id: 3, ok: false, error: { code: 'nope', message: 'm' } }).success).toBe(false);
    expect(replyFrameSchema.safeParse({ id: 3, ok: true }).success).toBe(true);
  });

  it('events are checked against events.ts, payload included', () => {
    expect(eventFrameSchema.safeParse({ event: 'runs.changed', payload: { runIds: ['a'] } }).success).toBe(true);
    expect(eventFrameSchema.safeParse({ event: 'app.menu', payload: { action: 'save-experiment' } }).success).toBe(true);
    expect(eventFrameSchema.safeParse({ event: 'app.menu', payload: { action: 'rm -rf' } }).success).toBe(false);
    expect(eventFrameSchema.safeParse({ event: 'runs.changed', payload: { runIds: [1] } }).success).toBe(false);
    expect(eventFrameSchema.safeParse({ event: 'unknown', payload: {} }).success).toBe(false);
  });

  it('tells replies from events', () => {
    expect(isReplyFrame({ id: 1, ok: true, result: null })).toBe(true);
    expect(isReplyFrame({ event: 'runs.changed', payload: { runIds: [] } })).toBe(false);
  });
});
