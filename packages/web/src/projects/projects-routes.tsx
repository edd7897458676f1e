import { lazy } from "react";
import { useTranslation } from "react-i18next";
import { Route, Switch } from "wouter";
import { NoAccess } from "../layout/no-access";
import NotFoundPage from "../pages/not-found-page";
import { hasPermission, useSignedInSession } from "../session/session-context";
import { addProjectsCatalogue } from "./projects-i18n";

// Each screen of the projects loads on demand, like the other screens of the shell.
const ProjectsPage = lazy(() => import("./projects-page"));
const ProjectPage = lazy(() => import("./project-page"));
const NewProjectPage = lazy(() => import("./project-form-page").then((m) => ({ default: m.NewProjectPage })));
const EditProjectPage = lazy(() =>
  import("./project-form-page").then((m) => ({ default: m.EditProjectPage })),
);

/** The screens of projects under `/projects`; the shell has checked `projects.read` already. */
export default function ProjectsRoutes() {
  const { i18n } = useTranslation();
  addProjectsCatalogue(i18n);
  const mayManage = hasPermission(useSignedInSession(), "projects.manage");
  return (
    <Switch>
      <Route path="/projects" component={ProjectsPage} />
      <Route path="/projects/new">{mayManage ? <NewProjectPage /> : <NoAccess />}</Route>
      <Route path="/projects/:projectId/edit">{mayManage ? <EditProjectPage /> : <NoAccess />}</Route>
      <Route path="/projects/:projectId" component={ProjectPage} />
      <Route component={NotFoundPage} />
    </Switch>
  );
}
