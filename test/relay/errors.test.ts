import { describe, expect, it } from 'vitest';
import { errorSentence } from '../../relay/src/errors.js';

describe('errorSentence', () => {
  it('is the message alone for errors without a fix', () => {
    expect(errorSentence(new Error('plain'))).toBe('plain');
    expect(errorSentence('text')).toBe('text');
  });
});
