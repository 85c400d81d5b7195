import { describe, expect, it } from 'vitest';
import { cueClips, cueOf } from './voice-guide.ts';

describe('what spoken guidance says on each screen', () => {
  it('asks for the ID card on the card step, and points to the message when a card is refused', () => {
    expect(cueClips(cueOf({ kind: 'id-card' }, true)!, 'vi')).toEqual([
      'moi-quy-khach-quet-can-cuoc-cong-dan-hoac-nhap-so-tren-man-hinh',
    ]);
    expect(cueClips(cueOf({ kind: 'card-refused' }, true)!, 'en')).toEqual([
      'no-number-was-issued-please-read-the-message-on-the-screen',
    ]);
  });

  it('invites a choice only where the fields can be used', () => {
    expect(cueOf({ kind: 'home' }, true)).toEqual({ kind: 'choose-field' });
    expect(cueOf({ kind: 'home' }, false)).toBeNull();
    expect(cueOf({ kind: 'id-keypad' }, true)).toBeNull();
  });
});
