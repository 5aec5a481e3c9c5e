/**
 * Class id of the transaction-scoped advisory lock per poll (key: hashtext(poll id)). Casts take it shared,
 * open / close / publish exclusively: a ballot is either committed before the close reads the ballots, or sees
 * the poll closed. A hash collision between two polls only makes them wait for each other, never wrong.
 */
export const POLL_LOCK_CLASS = 7401;
