import { useCallback, useEffect, useRef, useState } from 'react';
import type {
  CitizenHoldings,
  CitizenSession,
  PublicField,
  PublicSite,
  PublicSiteView,
  RemoteTicket,
} from '@luot/protocol';
import { CITIZEN_TEXT as T } from '../messages.ts';
import { citizenApi, loadSession, saveSession } from './api.ts';
import {
  filterSites,
  refusalText,
  SITE_SEARCH_FROM,
  waitText,
  whenWords,
  type Refusal,
} from './citizen-model.ts';
import { BookSlot } from './BookSlot.tsx';
import { FieldList } from './FieldList.tsx';
import { IdNumberInput, idNumberOf } from './IdNumberInput.tsx';
import { Loading, Problem } from './Notices.tsx';
import { bookingPagePath } from './paths.ts';
import { SignIn } from './SignIn.tsx';
import { useVisibleRefresh } from './use-visible-refresh.ts';
import './citizen.css';

/** The steps of the page; the browser's Back button walks them back. */
type Step =
  | { kind: 'start' }
  | { kind: 'sites' }
  | { kind: 'fields'; siteId: string }
  | { kind: 'signin'; next: Step }
  | { kind: 'take'; siteId: string; fieldId: string }
  | { kind: 'taken'; ticket: RemoteTicket }
  | { kind: 'book'; siteId: string; fieldId: string; day: string | null }
  | { kind: 'confirm'; siteId: string; fieldId: string; day: string; start: string };

function siteOf(step: Step): string | null {
  if (step.kind === 'signin') return siteOf(step.next);
  return 'siteId' in step ? step.siteId : null;
}

/**
 * The citizens' public page (`/lay-so`): choose a site and a field, see how busy it is, then
 * take a number now or book a slot, after confirming a phone number with a one-time code.
 */
export function CitizenPage() {
  const [stack, setStack] = useState<Step[]>([{ kind: 'start' }]);
  const step = stack[stack.length - 1]!;
  const [sites, setSites] = useState<PublicSite[] | null>(null);
  const [sitesRefusal, setSitesRefusal] = useState<Refusal | null>(null);
  const [session, setSession] = useState<CitizenSession | null>(() => loadSession());
  const [holdings, setHoldings] = useState<CitizenHoldings | null>(null);

  // Each step forward is a history entry, so the phone's Back button goes one step back.
  useEffect(() => {
    window.history.replaceState({ citizenDepth: 0 }, '');
    const onPop = (event: PopStateEvent) => {
      const depth = (event.state as { citizenDepth?: number } | null)?.citizenDepth ?? 0;
      setStack((s) => s.slice(0, Math.max(1, Math.min(s.length, depth + 1))));
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const depth = useRef(0);
  depth.current = stack.length - 1;
  const go = useCallback((next: Step) => {
    window.history.pushState({ citizenDepth: depth.current + 1 }, '');
    depth.current += 1;
    setStack((s) => [...s, next]);
    window.scrollTo(0, 0);
  }, []);
  const replace = useCallback((next: Step) => {
    setStack((s) => [...s.slice(0, -1), next]);
    window.scrollTo(0, 0);
  }, []);
  const back = () => window.history.back();

  const loadSites = useCallback(async () => {
    setSitesRefusal(null);
    const answer = await citizenApi.sites();
    if (!answer.ok) return setSitesRefusal(answer.refusal);
    setSites(answer.data);
    // One site: straight to its fields.
    const only = answer.data.length === 1 ? answer.data[0]! : null;
    setStack((s) =>
      s[0]!.kind === 'start'
        ? [only ? { kind: 'fields', siteId: only.id } : { kind: 'sites' }, ...s.slice(1)]
        : s,
    );
  }, []);
  useEffect(() => {
    void loadSites();
  }, [loadSites]);

  // The current site's figures, refreshed while visible.
  const siteId = siteOf(step);
  const [site, setSite] = useState<PublicSiteView | null>(null);
  const [siteRefusal, setSiteRefusal] = useState<Refusal | null>(null);
  const loadSite = useCallback(async () => {
    if (!siteId) return;
    const answer = await citizenApi.site(siteId);
    if (!answer.ok) return setSiteRefusal(answer.refusal);
    setSiteRefusal(null);
    setSite(answer.data);
  }, [siteId]);
  useEffect(() => {
    setSite((s) => (s?.id === siteId ? s : null));
    void loadSite();
  }, [loadSite, siteId]);
  useVisibleRefresh(() => void loadSite(), undefined, siteId !== null);
  useEffect(() => {
    if (site) document.title = `${T.title} — ${site.name}`;
  }, [site]);

  const siteIdRef = useRef(siteId);
  siteIdRef.current = siteId;
  const loadHoldings = useCallback(async (token: string) => {
    const answer = await citizenApi.me(token, siteIdRef.current);
    if (answer.ok) setHoldings(answer.data);
    else if (answer.refusal.code === 'UNAUTHENTICATED') signOut();
  }, []);
  useEffect(() => {
    if (session) void loadHoldings(session.token);
  }, [session, loadHoldings]);

  function signOut() {
    saveSession(null);
    setSession(null);
    setHoldings(null);
  }

  /** Goes to `next`, through the sign-in first when the phone is not confirmed yet. */
  function withSession(next: Step) {
    if (session) go(next);
    else go({ kind: 'signin', next });
  }

  /** The hub no longer knows the sign-in: confirm the phone again, then carry on. */
  function signInAgain(next: Step) {
    signOut();
    replace({ kind: 'signin', next });
  }

  const field = (id: string) => site?.fields.find((f) => f.id === id) ?? null;
  const siteName =
    step.kind === 'taken'
      ? step.ticket.siteName
      : (site?.name ?? sites?.find((s) => s.id === siteId)?.name ?? '');

  return (
    <main className="cz" data-step={step.kind}>
      <header className="cz-header">
        <p className="cz-brand">{T.title}</p>
        {siteName && <h1 className="cz-site">{siteName}</h1>}
        {session && (
          <div className="cz-me" data-testid="cz-me">
            <p>
              {T.signedInAs(session.phone)}{' '}
              <button type="button" className="cz-link" onClick={signOut}>
                {T.signOut}
              </button>
            </p>
            {holdings && (
              <p data-testid="cz-holdings">
                {T.holdingsNumbers(holdings.numbersToday, holdings.numbersPerDay)} ·{' '}
                {T.holdingsBookings(holdings.openBookings, holdings.openBookingsLimit)}
              </p>
            )}
          </div>
        )}
      </header>
      {stack.length > 1 && step.kind !== 'taken' && (
        <button type="button" className="cz-back" onClick={back}>
          ‹ {T.back}
        </button>
      )}

      {step.kind === 'start' &&
        (sitesRefusal ? (
          <Problem refusal={sitesRefusal} onRetry={() => void loadSites()} />
        ) : (
          <Loading />
        ))}

      {step.kind === 'sites' && sites && (
        <SiteList sites={sites} onChoose={(id) => go({ kind: 'fields', siteId: id })} />
      )}

      {siteId && step.kind !== 'signin' && step.kind !== 'taken' && !site && (
        <>
          {siteRefusal ? (
            <Problem refusal={siteRefusal} onRetry={() => void loadSite()} />
          ) : (
            <Loading />
          )}
        </>
      )}

      {step.kind === 'fields' && site && (
        <>
          {siteRefusal && <Problem refusal={siteRefusal} onRetry={() => void loadSite()} />}
          <FieldList
            site={site}
            onTake={(f) => withSession({ kind: 'take', siteId: site.id, fieldId: f.id })}
            onBook={(f) => withSession({ kind: 'book', siteId: site.id, fieldId: f.id, day: null })}
          />
        </>
      )}

      {step.kind === 'signin' && (
        <SignIn
          siteId={siteId}
          onSignedIn={(s) => {
            saveSession(s);
            setSession(s);
            replace(step.next);
          }}
        />
      )}

      {step.kind === 'take' && site && (
        <TakeNumber
          siteId={site.id}
          field={field(step.fieldId)}
          session={session}
          holdings={holdings}
          onTaken={(ticket) => {
            if (session) void loadHoldings(session.token);
            if (ticket.checkInCode === null) window.location.assign(ticket.path);
            else replace({ kind: 'taken', ticket });
          }}
          onSignInAgain={() => signInAgain(step)}
        />
      )}

      {step.kind === 'taken' && <Taken ticket={step.ticket} />}

      {step.kind === 'book' && site && field(step.fieldId) && (
        <BookSlot
          siteId={site.id}
          field={field(step.fieldId)!}
          today={site.today}
          chosenDay={step.day}
          onChooseDay={(day) => replace({ ...step, day })}
          onPick={(day, start) => {
            // Back from the confirmation returns to the same day.
            replace({ ...step, day });
            go({ kind: 'confirm', siteId: site.id, fieldId: step.fieldId, day, start });
          }}
        />
      )}

      {step.kind === 'confirm' && site && (
        <ConfirmBooking
          siteName={site.name}
          field={field(step.fieldId)}
          request={step}
          session={session}
          holdings={holdings}
          onBooked={(path) =>
            window.location.assign(bookingPagePath(path, window.location.pathname))
          }
          onOtherSlot={back}
          onSignInAgain={() => signInAgain(step)}
        />
      )}
    </main>
  );
}

/** The sites of the province, with a search box when there are many. */
function SiteList({
  sites,
  onChoose,
}: {
  sites: PublicSite[];
  onChoose: (siteId: string) => void;
}) {
  const [query, setQuery] = useState('');
  const shown = filterSites(sites, query);
  return (
    <section className="cz-section" aria-labelledby="cz-sites-title">
      <h2 id="cz-sites-title" className="cz-h2">
        {T.chooseSite}
      </h2>
      {sites.length === 0 && <p className="cz-empty">{T.noSites}</p>}
      {sites.length >= SITE_SEARCH_FROM && (
        <input
          className="cz-input"
          type="search"
          aria-label={T.searchSite}
          placeholder={T.searchSite}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
      )}
      {sites.length > 0 && shown.length === 0 && <p className="cz-empty">{T.noSiteFound}</p>}
      <ul className="cz-sites">
        {shown.map((s) => (
          <li key={s.id}>
            <button
              type="button"
              className="cz-site-button"
              data-site={s.id}
              onClick={() => onChoose(s.id)}
            >
              {s.name} <span aria-hidden="true">›</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Refusals that the same request will meet again: no button to repeat it. */
const FINAL: ReadonlySet<string> = new Set([
  'LIMIT_REACHED',
  'SOLD_OUT',
  'NOT_OFFERED',
  'CLOSED_DAY',
]);

function TakeNumber({
  siteId,
  field,
  session,
  holdings,
  onTaken,
  onSignInAgain,
}: {
  siteId: string;
  field: PublicField | null;
  session: CitizenSession | null;
  holdings: CitizenHoldings | null;
  onTaken: (ticket: RemoteTicket) => void;
  onSignInAgain: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [idTyped, setIdTyped] = useState('');
  const [idTried, setIdTried] = useState(false);
  if (!field) return <Problem refusal={{ code: 'NOT_FOUND', message: '' }} />;
  // Trying again cannot help after these: the button goes, the reason stays.
  const final = refusal !== null && FINAL.has(refusal.code);
  async function take() {
    if (!session || !field) return onSignInAgain();
    const idNumber = field.idNumberRequired ? idNumberOf(idTyped) : undefined;
    if (idNumber === null) return setIdTried(true);
    setBusy(true);
    setRefusal(null);
    const answer = await citizenApi.takeNumber(session.token, siteId, field.id, idNumber);
    setBusy(false);
    if (answer.ok) return onTaken(answer.data);
    if (answer.refusal.code === 'UNAUTHENTICATED') return onSignInAgain();
    setRefusal(answer.refusal);
  }
  return (
    <section className="cz-section" aria-labelledby="cz-take-title" data-testid="cz-take-step">
      <h2 id="cz-take-title" className="cz-h2">
        {T.takeTitle}
      </h2>
      <div className="cz-card cz-card--summary">
        <h3 className="cz-card__name">{field.name}</h3>
        <p className="cz-card__figures">
          {T.waiting(field.waiting)} · {waitText(field.estimatedWaitMinutes)}
        </p>
      </div>
      {field.remote === 'check-in' && <p className="cz-note">{T.takeCheckInNote}</p>}
      {field.idNumberRequired && !final && (
        <IdNumberInput value={idTyped} onChange={setIdTyped} showInvalid={idTried} />
      )}
      {refusal && (
        <Problem
          refusal={refusal}
          text={
            refusal.code === 'UNAVAILABLE'
              ? undefined
              : refusalText(refusal, { holdings, action: 'take' })
          }
        />
      )}
      {!final && (
        <button
          type="button"
          className="cz-button cz-button--big"
          onClick={() => void take()}
          disabled={busy}
          data-testid="cz-take-confirm"
        >
          {busy ? T.taking : T.takeConfirm}
        </button>
      )}
    </section>
  );
}

/** A remote number of a `check-in` field: how to check in, then the ticket's page. */
function Taken({ ticket }: { ticket: RemoteTicket }) {
  return (
    <section className="cz-section" aria-labelledby="cz-taken-title" data-testid="cz-taken">
      <h2 id="cz-taken-title" className="cz-h2">
        {T.takenTitle}
      </h2>
      <div className="cz-card cz-card--summary">
        <p className="cz-ticket-label">{ticket.label}</p>
        <p className="cz-card__figures">
          {ticket.fieldName} · {ticket.siteName}
        </p>
      </div>
      <p className="cz-caption">{T.checkInCode}</p>
      <p className="cz-code" data-testid="cz-checkin-code">
        {ticket.checkInCode}
      </p>
      <p className="cz-note">{T.checkInHow(ticket.checkInCode ?? '')}</p>
      <a className="cz-button cz-button--big" href={ticket.path} data-testid="cz-open-ticket">
        {T.openTicket}
      </a>
    </section>
  );
}

function ConfirmBooking({
  siteName,
  field,
  request,
  session,
  holdings,
  onBooked,
  onOtherSlot,
  onSignInAgain,
}: {
  siteName: string;
  field: PublicField | null;
  request: { siteId: string; fieldId: string; day: string; start: string };
  session: CitizenSession | null;
  holdings: CitizenHoldings | null;
  onBooked: (path: string) => void;
  onOtherSlot: () => void;
  onSignInAgain: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [idTyped, setIdTyped] = useState('');
  const [idTried, setIdTried] = useState(false);
  async function book() {
    if (!session) return onSignInAgain();
    const idNumber = field?.idNumberRequired ? idNumberOf(idTyped) : undefined;
    if (idNumber === null) return setIdTried(true);
    setBusy(true);
    setRefusal(null);
    const { siteId, fieldId, day, start } = request;
    const answer = await citizenApi.book(session.token, {
      siteId,
      fieldId,
      day,
      start,
      ...(idNumber !== undefined && { idNumber }),
    });
    setBusy(false);
    if (answer.ok) return onBooked(answer.data.path);
    if (answer.refusal.code === 'UNAUTHENTICATED') return onSignInAgain();
    setRefusal(answer.refusal);
  }
  const slotGone = refusal?.code === 'SLOT_FULL' || refusal?.code === 'TOO_LATE';
  const final = refusal !== null && FINAL.has(refusal.code);
  return (
    <section className="cz-section" aria-labelledby="cz-confirm-title" data-testid="cz-confirm">
      <h2 id="cz-confirm-title" className="cz-h2">
        {T.confirmTitle}
      </h2>
      <dl className="cz-facts">
        <div>
          <dt>{T.bookingWhen}</dt>
          <dd data-testid="cz-confirm-when">{whenWords(request.day, request.start)}</dd>
        </div>
        <div>
          <dt>{T.bookingField}</dt>
          <dd>{field?.name ?? request.fieldId}</dd>
        </div>
        <div>
          <dt>{T.bookingSite}</dt>
          <dd>{siteName}</dd>
        </div>
      </dl>
      {field?.idNumberRequired && !final && (
        <IdNumberInput value={idTyped} onChange={setIdTyped} showInvalid={idTried} />
      )}
      {refusal && (
        <Problem
          refusal={refusal}
          text={
            refusal.code === 'UNAVAILABLE'
              ? undefined
              : refusalText(refusal, { holdings, action: 'book' })
          }
        >
          {slotGone && (
            <button type="button" className="cz-button cz-button--secondary" onClick={onOtherSlot}>
              {T.chooseOtherSlot}
            </button>
          )}
        </Problem>
      )}
      {!slotGone && !final && (
        <button
          type="button"
          className="cz-button cz-button--big"
          onClick={() => void book()}
          disabled={busy}
          data-testid="cz-book-confirm"
        >
          {busy ? T.booking : T.confirmBook}
        </button>
      )}
    </section>
  );
}
