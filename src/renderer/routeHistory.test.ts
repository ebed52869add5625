import { beforeEach, expect, it, vi } from 'vitest';

// The address bar and the screens: navigate() shows the page at once and writes the address once
// the browser is idle; a link or Back in between is the later navigation, even when its
// hashchange comes after a navigate() the page made (a redirect of the page left). A window of its own, with its history and idle queue.
const fake = vi.hoisted(() => {
  const listeners = new Map<string, Set<(e: Event) => void>>();
  const idle: (() => void)[] = [];
  const written: string[] = [];
  const location = { hash: '#/' };
  const history = {
    state: null as unknown,
    pushState(state: unknown, _: string, url?: string) {
      written.push(`push ${url}`);
      history.state = state;
      if (url) location.hash = url;
    },
    replaceState(state: unknown, _: string, url?: string) {
      if (url) written.push(`replace ${url}`);
      history.state = state;
      if (url) location.hash = url;
    },
  };
  const window = {
    location,
    history,
    addEventListener: (type: string, l: (e: Event) => void) => listeners.set(type, (listeners.get(type) ?? new Set()).add(l)),
    removeEventListener: (type: string, l: (e: Event) => void) => listeners.get(type)?.delete(l),
  };
  Object.assign(globalThis, { window, requestIdleCallback: (cb: () => void) => idle.push(cb) });
  const fire = (type: string) => listeners.get(type)?.forEach((l) => l({ type } as Event));
  return {
    location,
    written,
    /** A link clicked: the address changes and popstate comes with it; hashchange is queued. */
    clickLink: (href: string) => {
      location.hash = href;
      fire('popstate');
    },
    fire,
    idle: () => idle.splice(0).forEach((cb) => cb()),
  };
});

import { currentRoute, navigate, subscribeRoute } from './route';

let unsubscribe = () => {};
beforeEach(() => {
  unsubscribe();
  fake.idle();
  fake.location.hash = '#/';
  fake.written.length = 0;
  unsubscribe = subscribeRoute(() => {});
});

it('opens the page a link or an address chose, over a navigate() made before its late hashchange', () => {
  fake.clickLink('#/customer/c7');
  // A redirect of the page left (a window just signed in going to My tickets) made before the
  // browser's hashchange came.
  navigate('#/my', { replace: true });
  fake.fire('hashchange');
  expect(currentRoute()).toMatchObject({ name: 'customer', customerId: 'c7' });
  fake.idle();
  expect(fake.location.hash).toBe('#/customer/c7');
});

it('follows Back taken before the address was written, and does not write it after', () => {
  fake.clickLink('#/kb');
  navigate('#/queues');
  fake.location.hash = '#/';
  fake.fire('popstate');
  fake.fire('hashchange');
  expect(currentRoute()).toEqual({ name: 'home' });
  fake.idle();
  expect(fake.location.hash).toBe('#/');
  expect(fake.written).toEqual([]);
});

it('writes the address of a page the browser left alone meanwhile', () => {
  fake.clickLink('#/kb');
  fake.fire('hashchange');
  navigate('#/queues');
  expect(currentRoute()).toMatchObject({ name: 'queues' });
  expect(fake.location.hash).toBe('#/kb');
  fake.idle();
  expect(fake.written).toEqual(['push #/queues']);
});
