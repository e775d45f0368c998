// Which redirects the sheet client follows (finding 4): only Google's 302/303 to its content
// origin, or to sheet.url's own origin, as a GET. One row per rule.
import { describe, expect, it } from 'vitest';
import { redirectTarget } from '../../../relay/src/delivery/guarded-fetch.js';

const SHEET = 'https://script.google.com/macros/s/abc/exec';
const FROM = `${SHEET}?ts=1&nonce=n&sig=s`;
const ECHO = 'https://script.googleusercontent.com/macros/echo?user_content_key=k';

describe('redirectTarget', () => {
  it.each([
    ["Google's 302 to its content origin", 302, ECHO, SHEET, ECHO],
    ['a 303 there too', 303, ECHO, SHEET, ECHO],
    [
      "a 302 to sheet.url's own origin (local runs)",
      302,
      '/macros/echo?k=1',
      SHEET,
      'https://script.google.com/macros/echo?k=1',
    ],
    ['a 307 (would re-POST the signed body)', 307, ECHO, SHEET, null],
    ['a 308 likewise', 308, ECHO, SHEET, null],
    ['a 301', 301, ECHO, SHEET, null],
    ['a 302 to a foreign origin', 302, 'https://evil.example/steal', SHEET, null],
    ['a look-alike host', 302, 'https://script.googleusercontent.com.evil.example/x', SHEET, null],
    ['plain http to Google', 302, 'http://script.googleusercontent.com/macros/echo', SHEET, null],
    ['another port of the same host', 302, 'https://script.google.com:8443/x', SHEET, null],
    ['no Location', 302, null, SHEET, null],
    ['a Location that is not a URL', 302, 'http://[bad', SHEET, null],
  ] as [string, number, string | null, string, string | null][])('%s', (_name, status, location, sheet, expected) => {
    expect(redirectTarget(status, location, FROM, sheet)?.href ?? null).toBe(expected);
  });
});
