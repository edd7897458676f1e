import { lazy, Suspense } from "react";
import { Redirect, Route, Switch, useLocation, useSearch } from "wouter";
import { PageLoader } from "./layout/page-loader";
import { SessionUnavailable } from "./layout/session-unavailable";
import { LoginPage } from "./pages/login-page";
import { loginPathFor } from "./session/return-path";
import { isSessionComplete, useSession } from "./session/session-context";

// The login page is the first thing most people load, often on a phone over a slow network: it ships in
// the entry chunk. The office shell and its screens load on demand.
const AppLayout = lazy(() => import("./layout/app-layout"));

/** Paths anyone may open without signing in (besides `/login`). */
export const publicPaths: ReadonlySet<string> = new Set(["/calculator"]);

/** Top-level routes: `/login` on its own, everything else in the shell once the person is signed in. */
export function App() {
  return (
    <Switch>
      <Route path="/login" component={LoginPage} />
      <Route component={SignedInShell} />
    </Switch>
  );
}

/** The shell for a signed-in person; a signed-out one is sent to the login page, and brought back after. */
function SignedInShell() {
  const { state } = useSession();
  const [location] = useLocation();
  const search = useSearch();
  if (state.status === "loading") return <PageLoader />;
  if (state.status === "failed") return <SessionUnavailable error={state.error} />;
  if (!isSessionComplete(state) && !publicPaths.has(location)) {
    return <Redirect to={loginPathFor(search === "" ? location : `${location}?${search}`)} replace />;
  }
  return (
    <Suspense fallback={<PageLoader />}>
      <AppLayout />
    </Suspense>
  );
}
