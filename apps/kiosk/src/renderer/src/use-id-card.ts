import { useCallback, useMemo, useState } from 'react';
import type { IdCard, QueueState } from '@luot/domain';
import type { CardScreen } from './CardScreens.tsx';
import { anyFieldTakesCards, cardModeOf, cardRefusalFor, cardRefusalText } from './id-card-flow.ts';
import { messages } from './messages.ts';
import { createReplayGuard, routeScan } from './scan-route.ts';

/** The screens the card's handling moves the kiosk to. */
export type CardNext =
  | CardScreen
  | { kind: 'confirm'; fieldId: string }
  | { kind: 'home'; note?: 'card-held' | 'card-not-used' };

/**
 * The citizen's card for one visit: held in memory only, until `forget` (every way back to the
 * start, and the end of every issue). `cardFor` takes a card read for a field (refused at once
 * by the hub's own rule, else held and on to the confirm screen); `onScan` routes a QR reader's
 * text (a booking to `checkIn`, a card here, a replayed card to nothing).
 */
export function useIdCard({
  state,
  screen,
  go,
  checkIn,
}: {
  state: QueueState | null;
  screen: { kind: string; fieldId?: string | null };
  go: (next: CardNext) => void;
  checkIn: (scanned: string) => void;
}) {
  const [card, setCard] = useState<IdCard | null>(null);
  const replays = useMemo(() => createReplayGuard(), []);

  const cardFor = (read: IdCard, fieldId: string) => {
    const refusal = state && cardRefusalFor(state.config, fieldId, read, state.day);
    if (!refusal) {
      setCard(read);
      return go({ kind: 'confirm', fieldId });
    }
    setCard(null);
    const message = cardRefusalText(refusal, state.config);
    const again = refusal === 'ID_CARD_INVALID' || refusal === 'ID_CARD_REQUIRED';
    go({ kind: 'card-refused', message, fieldId: again ? fieldId : null });
  };

  const onScan = (text: string, at: number) => {
    const onCardStep = screen.kind === 'id-card' || screen.kind === 'id-keypad';
    const route = routeScan(text, at, { onCardStep, guard: replays });
    if (route.kind === 'check-in') return checkIn(route.scanned);
    if (route.kind === 'replay' || !state) return;
    const fieldId = screen.fieldId ?? null;
    const cardField = fieldId && cardModeOf(state.config, fieldId) !== 'off' ? fieldId : null;
    if (route.kind === 'card-refused') {
      setCard(null);
      const message = messages.idCard.scanRefused[route.reason];
      return go({ kind: 'card-refused', message, fieldId: cardField });
    }
    if (cardField) return cardFor(route.card, cardField);
    const takes = anyFieldTakesCards(state.config);
    setCard(takes ? route.card : null);
    go({ kind: 'home', note: takes ? 'card-held' : 'card-not-used' });
  };

  const forget = useCallback(() => setCard(null), []);
  return { card, cardFor, onScan, forget };
}
