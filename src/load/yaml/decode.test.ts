import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { intern, internedCopy } from './decode.js';

describe('intern and internedCopy', () => {
  const unique = `k${process.hrtime.bigint()}`;

  it('give one copy of a short text, the same for every string of that text', () => {
    const first = internedCopy(`${unique}-a`);
    assert.equal(first, `${unique}-a`);
    assert.equal(internedCopy(`${unique}-a`.slice(0)), first);
    assert.equal(intern(`${unique}-a`), first);
  });

  it('leave a text longer than 64 characters out: internedCopy says so, intern gives the text back', () => {
    const long = `${unique}${'x'.repeat(80)}`;
    assert.equal(internedCopy(long), undefined);
    assert.equal(intern(long), long);
  });

  it('copy a text cut from a longer one as the same characters', () => {
    const text = `prefix ${unique}-a-longer-value suffix`;
    const cut = text.slice(7, text.length - 7);
    assert.equal(internedCopy(cut), `${unique}-a-longer-value`);
  });
});
