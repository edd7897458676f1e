import { lazy } from "react";
import { useTranslation } from "react-i18next";
import { Route, Switch } from "wouter";
import { NoAccess } from "../layout/no-access";
import NotFoundPage from "../pages/not-found-page";
import { hasPermission, useSignedInSession } from "../session/session-context";
import { addLoansCatalogue } from "./loans-i18n";

// Each screen of the loans loads on demand, like the other screens of the shell.
const LoansPage = lazy(() => import("./loans-page"));
const LoanPage = lazy(() => import("./loan-page"));
const ApplicationPage = lazy(() => import("./application-page"));
const ProductsPage = lazy(() => import("./products-page"));
const ProductPage = lazy(() => import("./product-page"));
const LendingRulesPage = lazy(() => import("./lending-rules-page"));
const PortfolioPage = lazy(() => import("./portfolio-page"));
const ArrearsPage = lazy(() => import("./arrears-page"));
const CollectionSheetPage = lazy(() => import("./collection-sheet-page"));
const DashboardPage = lazy(() => import("./dashboard-page"));

/** The screens of micro-credit under `/loans`; the shell has checked `loans.read` already. */
export default function LoansRoutes() {
  const { i18n } = useTranslation();
  addLoansCatalogue(i18n);
  const session = useSignedInSession();
  const mayManage = hasPermission(session, "loans.manage");
  return (
    <Switch>
      <Route path="/loans" component={LoansPage} />
      <Route path="/loans/new">{mayManage ? <ApplicationPage /> : <NoAccess />}</Route>
      <Route path="/loans/products" component={ProductsPage} />
      <Route path="/loans/products/new">{mayManage ? <ProductPage /> : <NoAccess />}</Route>
      <Route path="/loans/products/:productId" component={ProductPage} />
      <Route path="/loans/rules" component={LendingRulesPage} />
      <Route path="/loans/portfolio" component={PortfolioPage} />
      <Route path="/loans/arrears" component={ArrearsPage} />
      <Route path="/loans/dashboard" component={DashboardPage} />
      <Route path="/loans/collection-sheet">
        {hasPermission(session, "repayments.record") ? <CollectionSheetPage /> : <NoAccess />}
      </Route>
      <Route path="/loans/:loanId" component={LoanPage} />
      <Route component={NotFoundPage} />
    </Switch>
  );
}
