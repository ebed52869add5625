import { describe, expect, it, vi } from 'vitest';
import { desktopNoticeSchema } from '../../shared/api';
import { desktopSide, notifyDesktop } from './desktopNotice';

const fakeWindow = (tagdesk: unknown, inFront: boolean) => ({ tagdesk, document: { hasFocus: () => inFront } }) as unknown as Window;
const notice = { title: 'T-1042: resolution at risk', body: 'Resolution target at risk.' };

describe('desktop notices', () => {
  it('are sent, in the in-app notice’s words, only while the window is not in front', () => {
    const notify = vi.fn();
    expect(notifyDesktop(notice, desktopSide(fakeWindow({ call() {}, onPush() {}, notify }, false)))).toBe(true);
    expect(notify).toHaveBeenCalledWith(notice);
    notify.mockClear();
    // In front, the in-app notice is the one to read.
    expect(notifyDesktop(notice, desktopSide(fakeWindow({ call() {}, onPush() {}, notify }, true)))).toBe(false);
    expect(notify).not.toHaveBeenCalled();
  });

  it('are not sent where the shell has no desktop (the browser shell, an older preload)', () => {
    expect(notifyDesktop(notice, desktopSide(fakeWindow(undefined, false)))).toBe(false);
    expect(notifyDesktop(notice, desktopSide(fakeWindow({ call() {}, onPush() {} }, false)))).toBe(false);
  });

  it('are checked by the shell before it shows one: a title, a body, nothing else', () => {
    expect(desktopNoticeSchema.safeParse(notice).success).toBe(true);
    expect(desktopNoticeSchema.safeParse({ ...notice, title: '' }).success).toBe(false);
    expect(desktopNoticeSchema.safeParse({ ...notice, icon: 'file:///etc/passwd' }).success).toBe(false);
    expect(desktopNoticeSchema.safeParse({ title: 'x'.repeat(301), body: '' }).success).toBe(false);
  });
});
