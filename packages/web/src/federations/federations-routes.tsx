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

/** The screens of federations under `/federations` and the network's dashboard at `/network`. */
export default function FederationsRoutes() {
  const { i18n } = useTranslation();
  addFederationsCatalogue(i18n);
  return (
    <Switch>
      <Route path="/federations" component={FederationsPage} />
      <Route path="/federations/formation" component={FormationPage} />
      <Route path="/federations/:nodeId" component={NodePage} />
      <Route path="/network" component={NetworkPage} />
      <Route component={NotFoundPage} />
    </Switch>
  );
}
