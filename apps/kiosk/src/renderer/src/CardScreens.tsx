import type { IdCard, SiteConfig } from '@luot/domain';
import { cardModeOf, hasAgePriority } from './id-card-flow.ts';
import { IdCardStep } from './IdCardStep.tsx';
import { IdKeypad } from './IdKeypad.tsx';
import { messages } from './messages.ts';
import { NotIssuedScreen } from './ResultScreen.tsx';

/** The kiosk's screens of the card step (see Kiosk.tsx's `Screen`). */
export type CardScreen =
  | { kind: 'id-card'; fieldId: string }
  | { kind: 'id-keypad'; fieldId: string }
  /** A card refused (by the kiosk or the hub); `fieldId`: scan again for this field. */
  | { kind: 'card-refused'; message: string; fieldId: string | null };

export function isCardScreen(screen: { kind: string }): screen is CardScreen {
  return screen.kind === 'id-card' || screen.kind === 'id-keypad' || screen.kind === 'card-refused';
}

/** The card step, its keypad, and a refused card with _Quét lại thẻ_ when a field is waiting. */
export function CardScreens({
  screen,
  config,
  armed,
  go,
  onTyped,
  onBack,
}: {
  screen: CardScreen;
  config: SiteConfig;
  armed: boolean;
  go: (next: CardScreen | { kind: 'confirm'; fieldId: string }) => void;
  onTyped: (card: IdCard, fieldId: string) => void;
  onBack: () => void;
}) {
  if (screen.kind === 'id-card')
    return (
      <IdCardStep
        fieldName={config.fields.find((f) => f.id === screen.fieldId)?.name ?? ''}
        required={cardModeOf(config, screen.fieldId) === 'required'}
        onType={() => go({ kind: 'id-keypad', fieldId: screen.fieldId })}
        onSkip={() => go({ kind: 'confirm', fieldId: screen.fieldId })}
        onBack={onBack}
      />
    );
  if (screen.kind === 'id-keypad')
    return (
      <IdKeypad
        onSubmit={(card) => onTyped(card, screen.fieldId)}
        onBack={() => go({ kind: 'id-card', fieldId: screen.fieldId })}
      />
    );
  const { fieldId } = screen;
  return (
    <NotIssuedScreen
      title={messages.idCard.refusedTitle}
      message={screen.message}
      armed={armed}
      onBack={onBack}
      {...(fieldId !== null && {
        retry: {
          label: messages.idCard.rescan,
          onRetry: () => go({ kind: 'id-card', fieldId }),
        },
      })}
    />
  );
}

/** On the confirm screen, once a card is held: it was read, and priority by age if it gives it. */
export function CardNote({
  config,
  fieldId,
  card,
  day,
}: {
  config: SiteConfig;
  fieldId: string;
  card: IdCard;
  day: string;
}) {
  return (
    <>
      <p className="card-note" data-testid="card-received">
        {messages.idCard.received}
      </p>
      {hasAgePriority(config, fieldId, card, day) && (
        <p className="age-priority" data-testid="age-priority">
          {messages.idCard.agePriority}
        </p>
      )}
    </>
  );
}
