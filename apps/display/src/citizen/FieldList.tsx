import type { PublicField, PublicSiteView } from '@luot/protocol';
import { CITIZEN_TEXT as T } from '../messages.ts';
import { fieldOffer, nothingOpenToday, waitText } from './citizen-model.ts';

/**
 * The fields of a site: how many wait, the estimated wait, and what a citizen may do now
 * ("Lấy số ngay", "Đặt lịch") or why not.
 */
export function FieldList({
  site,
  onTake,
  onBook,
}: {
  site: PublicSiteView;
  onTake: (field: PublicField) => void;
  onBook: (field: PublicField) => void;
}) {
  const online = site.fields.filter((f) => f.remote !== 'off' || f.booking.enabled);
  const closedToday = site.fields.length > 0 && nothingOpenToday(site.fields, site.today);
  return (
    <section className="cz-section" aria-labelledby="cz-fields-title">
      <h2 id="cz-fields-title" className="cz-h2">
        {T.chooseField}
      </h2>
      {site.notice && <p className="cz-notice">{site.notice}</p>}
      {site.fields.length === 0 && <p className="cz-empty">{T.noFields}</p>}
      {site.fields.length > 0 && online.length === 0 && (
        <p className="cz-empty" data-testid="cz-nothing-online">
          {T.nothingOnline}
        </p>
      )}
      {online.length > 0 && closedToday && (
        <p className="cz-empty" data-testid="cz-nothing-today">
          {T.nothingToday}
        </p>
      )}
      <ul className="cz-fields">
        {site.fields.map((field) => (
          <FieldCard
            key={field.id}
            field={field}
            today={site.today}
            onTake={() => onTake(field)}
            onBook={() => onBook(field)}
          />
        ))}
      </ul>
      <p className="cz-small">{T.updatedEvery}</p>
    </section>
  );
}

function FieldCard({
  field,
  today,
  onTake,
  onBook,
}: {
  field: PublicField;
  today: string;
  onTake: () => void;
  onBook: () => void;
}) {
  const offer = fieldOffer(field, today);
  return (
    <li className="cz-card" data-field={field.id} data-testid="cz-field">
      <h3 className="cz-card__name">{field.name}</h3>
      <p className="cz-card__figures">
        <span className="cz-card__waiting" data-testid="cz-waiting">
          {T.waiting(field.waiting)}
        </span>
        <span aria-hidden="true"> · </span>
        <span className="cz-card__wait" data-testid="cz-wait">
          {waitText(field.estimatedWaitMinutes)}
        </span>
      </p>
      {offer.reason && (
        <p className="cz-card__reason" data-testid="cz-reason">
          {offer.reason}
        </p>
      )}
      {(offer.takeNow || offer.book) && (
        <div className="cz-card__actions">
          {offer.takeNow && (
            <button type="button" className="cz-button" onClick={onTake} data-testid="cz-take">
              {T.takeNow}
            </button>
          )}
          {offer.book && (
            <button
              type="button"
              className={offer.takeNow ? 'cz-button cz-button--secondary' : 'cz-button'}
              onClick={onBook}
              data-testid="cz-book"
            >
              {T.book}
            </button>
          )}
        </div>
      )}
    </li>
  );
}
