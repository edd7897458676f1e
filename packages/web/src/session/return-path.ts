/**
 * Where to go after signing in. The login page is reached with `?next=/users` when a signed-out person
 * opened a screen; only a path inside this app is followed, so a crafted link cannot send her elsewhere.
 */

/** The login page's address that leads back to `path` afterwards. */
export function loginPathFor(path: string): string {
  if (path === "/" || path === "/login" || !isAppPath(path)) return "/login";
  return `/login?next=${encodeURIComponent(path)}`;
}

/** The path to open after signing in, from the login page's query string (`next=…`). */
export function returnPathFrom(search: string): string {
  const next = new URLSearchParams(search).get("next");
  return next !== null && isAppPath(next) && !next.startsWith("/login") ? next : "/";
}

/** A path of this app: starts with one slash (`//host` would leave the site) and has no backslash. */
function isAppPath(path: string): boolean {
  return path.startsWith("/") && !path.startsWith("//") && !path.includes("\\");
}
