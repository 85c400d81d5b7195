import type { ClerkFigures } from './counter-view.ts';
import { formatDurationVi } from '@luot/ui';
import { decimalVi } from './format.ts';
import { MSG } from './messages.ts';

/** The clerk's own results today. */
export function Figures({ figures, maxScore }: { figures: ClerkFigures; maxScore: number }) {
  return (
    <section className="figures" aria-labelledby="figures-heading" data-testid="figures">
      <h2 id="figures-heading">{MSG.figures.heading}</h2>
      <dl>
        <div>
          <dt>{MSG.figures.served}</dt>
          <dd data-testid="figure-served">{figures.served}</dd>
        </div>
        <div>
          <dt>{MSG.figures.meanService}</dt>
          <dd data-testid="figure-service">
            {figures.meanServiceMs === null
              ? MSG.figures.none
              : formatDurationVi(figures.meanServiceMs)}
          </dd>
        </div>
        <div>
          <dt>{MSG.figures.meanRating}</dt>
          <dd data-testid="figure-rating">
            {figures.meanRating === null
              ? MSG.figures.none
              : `${decimalVi(figures.meanRating)} / ${maxScore}`}
            {figures.ratings > 0 ? <small>{MSG.figures.ratings(figures.ratings)}</small> : null}
          </dd>
        </div>
      </dl>
    </section>
  );
}
