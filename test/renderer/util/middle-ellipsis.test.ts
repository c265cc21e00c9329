import { describe, expect, it } from 'vitest';
import { middleEllipsis } from '../../../renderer/src/util/middle-ellipsis.js';

describe('middleEllipsis', () => {
  it('keeps short names whole', () => {
    expect(middleEllipsis('HB', 10)).toBe('HB');
    expect(middleEllipsis('0123456789', 10)).toBe('0123456789');
  });

  it('cuts the middle, so sweep labels that differ at the end stay apart', () => {
    const a = 'GD model.init={"kind":"positive","low":0.2,"high":0.6,"output":1} lr=0.03';
    const b = 'GD model.init={"kind":"positive","low":0.2,"high":0.6,"output":1} lr=0.06';
    const sa = middleEllipsis(a, 40);
    expect([...sa]).toHaveLength(40);
    expect(sa.startsWith('GD model.init=')).toBe(true);
    expect(sa.endsWith('lr=0.03')).toBe(true);
    expect(sa).toContain('…');
    expect(sa).not.toBe(middleEllipsis(b, 40));
  });
});
