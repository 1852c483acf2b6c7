import { TestBed } from '@angular/core/testing';

import { Session } from './session';

describe('Session', () => {
  it('holds the access token in a signal until cleared', () => {
    const session = TestBed.inject(Session);
    expect(session.accessToken()).toBeNull();
    expect(session.isAuthenticated()).toBe(false);

    session.setAccessToken('abc');
    expect(session.accessToken()).toBe('abc');
    expect(session.isAuthenticated()).toBe(true);

    session.clear();
    expect(session.accessToken()).toBeNull();
    expect(session.isAuthenticated()).toBe(false);
  });

  it('treats an empty token as signed out', () => {
    const session = TestBed.inject(Session);
    session.setAccessToken('');
    expect(session.isAuthenticated()).toBe(false);
  });
});
