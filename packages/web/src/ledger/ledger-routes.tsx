import { lazy } from "react";
import { Route, Switch } from "wouter";
import NotFoundPage from "../pages/not-found-page";

// Each screen of the books loads on demand, like the other screens of the shell.
const BooksPage = lazy(() => import("./books-page"));
const ChartPage = lazy(() => import("./chart-page"));
const JournalPage = lazy(() => import("./journal-page"));
const EntryFormPage = lazy(() => import("./entry-form-page"));
const EntryPage = lazy(() => import("./entry-page"));
const TrialBalancePage = lazy(() => import("./trial-balance-page"));
const BalanceSheetPage = lazy(() => import("./balance-sheet-page"));
const IncomeStatementPage = lazy(() => import("./income-statement-page"));
const AccountLedgerPage = lazy(() => import("./account-ledger-page"));
const PeriodsPage = lazy(() => import("./periods-page"));

/** The screens of the general ledger under `/books`; the shell has checked `ledger.read` already. */
export default function LedgerRoutes() {
  return (
    <Switch>
      <Route path="/books" component={BooksPage} />
      <Route path="/books/:bookId/accounts" component={ChartPage} />
      <Route path="/books/:bookId/accounts/:accountId/ledger" component={AccountLedgerPage} />
      <Route path="/books/:bookId/entries" component={JournalPage} />
      <Route path="/books/:bookId/entries/new" component={EntryFormPage} />
      <Route path="/books/:bookId/entries/:entryId" component={EntryPage} />
      <Route path="/books/:bookId/trial-balance" component={TrialBalancePage} />
      <Route path="/books/:bookId/balance-sheet" component={BalanceSheetPage} />
      <Route path="/books/:bookId/income-statement" component={IncomeStatementPage} />
      <Route path="/books/:bookId/periods" component={PeriodsPage} />
      <Route component={NotFoundPage} />
    </Switch>
  );
}
