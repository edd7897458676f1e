import { lazy } from "react";
import { useTranslation } from "react-i18next";
import { Route, Switch } from "wouter";
import { NoAccess } from "../layout/no-access";
import NotFoundPage from "../pages/not-found-page";
import { hasPermission, useSignedInSession } from "../session/session-context";
import { addPeopleCatalogue } from "./people-i18n";

// Each screen of the people area loads on demand, like the other screens of the shell.
const PeopleListPage = lazy(() => import("./people-list-page"));
const PersonFormPage = lazy(() => import("./person-form-page"));
const PersonEditPage = lazy(() => import("./person-edit-page"));
const ImportPage = lazy(() => import("./import-page"));
const PersonPage = lazy(() => import("./person-page"));
const MergePage = lazy(() => import("./merge-page"));
const HouseholdPage = lazy(() => import("./household-page"));

/** The screens of people and households under `/people`; the shell has checked `people.read` already. */
export default function PeopleRoutes() {
  const { i18n } = useTranslation();
  // Before any screen below renders: they read the people catalogue.
  addPeopleCatalogue(i18n);
  const session = useSignedInSession();
  const mayManage = hasPermission(session, "people.manage", { anyScope: true });
  return (
    <Switch>
      <Route path="/people" component={PeopleListPage} />
      <Route path="/people/new">{mayManage ? <PersonFormPage /> : <NoAccess />}</Route>
      <Route path="/people/import">{mayManage ? <ImportPage /> : <NoAccess />}</Route>
      <Route path="/people/households/:householdId" component={HouseholdPage} />
      <Route path="/people/:personId/edit">{mayManage ? <PersonEditPage /> : <NoAccess />}</Route>
      <Route path="/people/:personId/merge">{mayManage ? <MergePage /> : <NoAccess />}</Route>
      <Route path="/people/:personId" component={PersonPage} />
      <Route component={NotFoundPage} />
    </Switch>
  );
}
