/** Class id of the transaction-scoped advisory lock per meeting (key: hashtext(meeting id)) taken to register a proxy. */
export const PROXY_LOCK_CLASS = 7402;
