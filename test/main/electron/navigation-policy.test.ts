import { describe, expect, it } from 'vitest';
import { decideNavigation, decideWindowOpen } from '../../../main/electron/navigation-policy.js';

const here = 'lab://app/index.html#/runs';

describe('decideNavigation', () => {
  it('allows reloading the same document (any hash)', () => {
    expect(decideNavigation(here, 'lab://app/index.html')).toBe('allow');
    expect(decideNavigation(here, 'lab://app/index.html#/compare')).toBe('allow');
  });

  it('refuses any other page, scheme or origin', () => {
    for (const url of ['lab://app/other.html', 'file:///etc/passwd', 'javascript:alert(1)', 'data:text/html,x', 'lab://evil/index.html', 'not a url']) {
      expect(decideNavigation(here, url), url).toBe('deny');
    }
  });

  it('sends web and mail links to the OS browser instead of navigating', () => {
    expect(decideNavigation(here, 'https://arxiv.org/abs/2010.13165')).toBe('open-external');
    expect(decideNavigation(here, 'http://example.org/')).toBe('open-external');
    expect(decideNavigation(here, 'mailto:someone@example.org')).toBe('open-external');
  });

  it('does not hand links with credentials to the browser', () => {
    expect(decideNavigation(here, 'https://user:pw@example.org/')).toBe('deny');
  });

  it('refuses when the current URL is unreadable', () => {
    expect(decideNavigation('', 'lab://app/index.html')).toBe('deny');
  });
});

describe('decideWindowOpen', () => {
  it('never opens a window: web links go outside, the rest is refused', () => {
    expect(decideWindowOpen('https://arxiv.org/')).toBe('open-external');
    expect(decideWindowOpen('lab://app/index.html')).toBe('deny');
    expect(decideWindowOpen('about:blank')).toBe('deny');
    expect(decideWindowOpen('file:///tmp/x.html')).toBe('deny');
  });
});
