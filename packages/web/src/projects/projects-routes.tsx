import { lazy } from "react";
import { useTranslation } from "react-i18next";
import { Route, Switch } from "wouter";
import NotFoundPage from "../pages/not-found-page";
import { addProjectsCatalogue } from "./projects-i18n";

// Each screen of the projects loads on demand, like the other screens of the shell.
const ProjectsPage = lazy(() => import("./projects-page"));
const ProjectPage = lazy(() => import("./project-page"));

/** The screens of projects under `/projects`; the shell has checked `projects.read` already. */
export default function ProjectsRoutes() {
  const { i18n } = useTranslation();
  addProjectsCatalogue(i18n);
  return (
    <Switch>
      <Route path="/projects" component={ProjectsPage} />
      <Route path="/projects/:projectId" component={ProjectPage} />
      <Route component={NotFoundPage} />
    </Switch>
  );
}
