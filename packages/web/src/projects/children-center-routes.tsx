import { lazy } from "react";
import { useTranslation } from "react-i18next";
import { Route, Switch } from "wouter";
import NotFoundPage from "../pages/not-found-page";
import { addProjectsCatalogue } from "./projects-i18n";

const ChildrenCenterPage = lazy(() => import("./children-center-page"));
const ChildPage = lazy(() => import("./child-page"));

/** The children's center under `/children-center`; the shell has checked `children.read` already. */
export default function ChildrenCenterRoutes() {
  const { i18n } = useTranslation();
  addProjectsCatalogue(i18n);
  return (
    <Switch>
      <Route path="/children-center" component={ChildrenCenterPage} />
      <Route path="/children-center/children/:childId" component={ChildPage} />
      <Route component={NotFoundPage} />
    </Switch>
  );
}
