import type { ReactNode } from 'react';
import { Link } from '../router/router.js';

export interface PageLink {
  to: string;
  label: string;
}

/**
 * A screen's heading row: the h1 (with an optional line above or below it), then live badges (`children`) and the
 * links to the screens next to this one, as buttons on the right.
 */
export function PageHead({ titleId, title, above, below, links, children }: { titleId: string; title: string; above?: ReactNode; below?: ReactNode; links: (PageLink | null)[]; children?: ReactNode }) {
  const heading = <h1 id={titleId}>{title}</h1>;
  return (
    <div className="page-head">
      {above || below ? (
        <div>
          {above ? <p className="muted">{above}</p> : null}
          {heading}
          {below ? <p className="muted">{below}</p> : null}
        </div>
      ) : (
        heading
      )}
      <div className="page-head-end">
        {children}
        {links.map((link) =>
          link ? (
            <Link key={link.to} className="btn" to={link.to}>
              {link.label}
            </Link>
          ) : null,
        )}
      </div>
    </div>
  );
}
