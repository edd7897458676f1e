import { lazy } from "react";
import { useTranslation } from "react-i18next";
import { Route, Switch } from "wouter";
import { NoAccess } from "../layout/no-access";
import NotFoundPage from "../pages/not-found-page";
import { hasPermission, useSignedInSession } from "../session/session-context";
import { addGroupsCatalogue } from "./groups-i18n";

// Each screen of the groups loads on demand, like the other screens of the shell.
const GroupsPage = lazy(() => import("./groups-page"));
const GroupPage = lazy(() => import("./group-page"));
const MeetingEntryPage = lazy(() => import("./meeting-entry-page"));
const PassbookPage = lazy(() => import("./passbook-page"));
const ShareOutPage = lazy(() => import("./share-out-page"));
const GradingPage = lazy(() => import("./grading-page"));

/** The screens of self-help groups under `/groups`; the shell has checked `groups.read` already. */
export default function GroupsRoutes() {
  const { i18n } = useTranslation();
  addGroupsCatalogue(i18n);
  const session = useSignedInSession();
  const mayRecord = hasPermission(session, "meetings.record", { anyScope: true });
  return (
    <Switch>
      <Route path="/groups" component={GroupsPage} />
      <Route path="/groups/:groupId/meetings/new">{mayRecord ? <MeetingEntryPage /> : <NoAccess />}</Route>
      <Route path="/groups/:groupId/members/:memberId/passbook" component={PassbookPage} />
      <Route path="/groups/:groupId/share-out" component={ShareOutPage} />
      <Route path="/groups/:groupId/grading" component={GradingPage} />
      <Route path="/groups/:groupId" component={GroupPage} />
      <Route component={NotFoundPage} />
    </Switch>
  );
}
