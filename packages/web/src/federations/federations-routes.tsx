import { lazy } from "react";
import { useTranslation } from "react-i18next";
import { Route, Switch } from "wouter";
import NotFoundPage from "../pages/not-found-page";
import { addFederationsCatalogue } from "./federations-i18n";

// Each screen loads on demand, like the other screens of the shell.
const FederationsPage = lazy(() => import("./federations-page"));
const NodePage = lazy(() => import("./node-page"));
const NetworkPage = lazy(() => import("./network-page"));
const FormationPage = lazy(() => import("./formation-page"));
const NetworkSharingPage = lazy(() => import("./network-partners"));

/**
 * The screens of federations under `/federations`, the network's dashboard at `/network`, and a partner's
 * choice of what it shares with its networks at `/network-sharing`.
 */
export default function FederationsRoutes() {
  const { i18n } = useTranslation();
  addFederationsCatalogue(i18n);
  return (
    <Switch>
      <Route path="/federations" component={FederationsPage} />
      <Route path="/federations/formation" component={FormationPage} />
      <Route path="/federations/:nodeId" component={NodePage} />
      <Route path="/network" component={NetworkPage} />
      <Route path="/network-sharing" component={NetworkSharingPage} />
      <Route component={NotFoundPage} />
    </Switch>
  );
}
