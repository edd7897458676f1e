import { lazy } from "react";
import { useTranslation } from "react-i18next";
import { Route, Switch } from "wouter";
import NotFoundPage from "../pages/not-found-page";
import { addProjectsCatalogue } from "./projects-i18n";

const TrainingsPage = lazy(() => import("./trainings-page"));

/** Trainings under `/trainings`; the shell has checked `trainings.manage` already. */
export default function TrainingsRoutes() {
  const { i18n } = useTranslation();
  addProjectsCatalogue(i18n);
  return (
    <Switch>
      <Route path="/trainings" component={TrainingsPage} />
      <Route component={NotFoundPage} />
    </Switch>
  );
}
