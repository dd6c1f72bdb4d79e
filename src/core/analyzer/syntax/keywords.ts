// Identifier keyword matching: decides whether a name or key "looks like" per-session / per-user state. Matching is
// by word (camelCase, snake_case, kebab-case and dotted parts), not by substring, so `inside` does not match `sid`.

const WORD_PREFIXES = ['session', 'user', 'socket', 'client', 'conn', 'token', 'account', 'cart', 'login', 'logon', 'signin'];
const EXACT_WORDS = new Set(['sid', 'sids', 'sess', 'uid', 'uids', 'ws']);
/** Collections named like caches or pools hold recomputable data: losing them costs a miss, not a session. */
/** One-time codes issued to a user and checked on a later request: per-user auth state like a session. */
const ONE_TIME_CODE_WORDS = new Set(['otp', 'otps', 'passcode', 'passcodes', 'nonce', 'nonces']);
const CACHE_WORDS = new Set(['cache', 'cached', 'caches', 'memo', 'memos', 'memoized', 'memoize', 'lru', 'pool', 'pools']);

/** Splits an identifier or key into lower-case words: `req.sessionID` → ["req", "session", "id"]. */
export function identifierWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word.length > 0)
    .map((word) => word.toLowerCase());
}

/** True when one of the name's words is session/user/socket/client/connection/token/account/cart/login-like. */
export function isSessionLikeName(name: string): boolean {
  const words = identifierWords(name);
  if (words.some((word) => EXACT_WORDS.has(word))) {
    return true;
  }
  // "sign in" split across words is still a login.
  if (words.some((word, index) => word === 'sign' && words[index + 1] === 'in')) {
    return true;
  }
  return words.some((word) => WORD_PREFIXES.some((prefix) => word.startsWith(prefix)));
}

/**
 * Stricter test for a collection's own name (used when its key says nothing): `clients`, `connections` and
 * `accounts` also name pools of HTTP/database clients and lookup tables, so only unambiguous words count here.
 */
export function isSessionLikeCollectionName(name: string): boolean {
  const words = identifierWords(name);
  return words.some(
    (word) => EXACT_WORDS.has(word) || ONE_TIME_CODE_WORDS.has(word) || ['session', 'user', 'socket', 'cart', 'login', 'token'].some((prefix) => word.startsWith(prefix)),
  );
}

/** True when the name says it is a cache, memo table or pool. */
export function isCacheLikeName(name: string): boolean {
  return identifierWords(name).some((word) => CACHE_WORDS.has(word));
}

/** Function names that mark a login/connection handler even without a framework registration. */
export function isLoginLikeName(name: string): boolean {
  const words = identifierWords(name);
  return (
    words.some((word) => ['login', 'logon', 'signin', 'logout', 'authenticate'].includes(word)) ||
    words.some((word, index) => word === 'sign' && (words[index + 1] === 'in' || words[index + 1] === 'out'))
  );
}
