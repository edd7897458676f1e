import { lazy, Suspense } from "react";
import { Route, Switch } from "wouter";
import { PageLoader } from "./layout/page-loader";
import { LoginPage } from "./pages/login-page";

// The login page is the first thing most people load, often on a phone over a slow network: it ships in
// the entry chunk. The office shell and its screens load on demand.
const AppLayout = lazy(() => import("./layout/app-layout"));

/** Top-level routes. For now nobody is signed in: `/login` shows the form and every other path the shell. */
export function App() {
  return (
    <Switch>
      <Route path="/login" component={LoginPage} />
      <Route>
        <Suspense fallback={<PageLoader />}>
          <AppLayout />
        </Suspense>
      </Route>
    </Switch>
  );
}
