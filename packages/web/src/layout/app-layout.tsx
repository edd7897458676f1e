import "@mantine/core/styles/ScrollArea.css";
import "@mantine/core/styles/AppShell.css";
import "@mantine/core/styles/Burger.css";
import "@mantine/core/styles/NavLink.css";
import "@mantine/core/styles/Divider.css";
import { Alert, Anchor, AppShell, Box, Burger, Button, Group, NavLink, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import type { SessionResponse } from "@moldir/contract";
import type { Permission } from "@moldir/domain";
import { type ComponentType, type LazyExoticComponent, lazy, type MouseEvent, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { Link, Route, Switch, useLocation } from "wouter";
import { hasPermission, useSignedInSession } from "../session/session-context";
import { ColorSchemeToggle } from "./color-scheme-toggle";
import { LanguageSwitch } from "./language-switch";
import { NoAccess } from "./no-access";
import { OrganizationSwitch } from "./organization-switch";
import { PageLoader } from "./page-loader";
import { UserMenu } from "./user-menu";

const HomePage = lazy(() => import("../pages/home-page"));
const CalculatorPage = lazy(() => import("../calculator/calculator-page"));
const NotFoundPage = lazy(() => import("../pages/not-found-page"));
const UsersPage = lazy(() => import("../users/users-page"));
const OfficesPage = lazy(() => import("../offices/offices-page"));
const OrganizationPage = lazy(() => import("../organization/organization-page"));
const ApprovalsPage = lazy(() => import("../approvals/approvals-page"));
const AuditPage = lazy(() => import("../audit/audit-page"));
const ProfilePage = lazy(() => import("../profile/profile-page"));
const LedgerRoutes = lazy(() => import("../ledger/ledger-routes"));
const GroupsRoutes = lazy(() => import("../groups/groups-routes"));
const PeopleRoutes = lazy(() => import("../people/people-routes"));
const FederationsRoutes = lazy(() => import("../federations/federations-routes"));
const LoansRoutes = lazy(() => import("../loans/loans-routes"));
const ProjectsRoutes = lazy(() => import("../projects/projects-routes"));
const ChildrenCenterRoutes = lazy(() => import("../projects/children-center-routes"));
const TrainingsRoutes = lazy(() => import("../projects/trainings-routes"));

/** A screen of the organization, offered only to people who hold its permission organization-wide. */
interface GuardedScreen {
  readonly path: string;
  readonly permission: Permission;
  /** Held in some scope is enough (the organization's profile and offices are read by every role). */
  readonly anyScope?: boolean;
  /** The screen routes the paths below its own too (`/books/…`). */
  readonly hasSubpaths?: boolean;
  readonly component: LazyExoticComponent<ComponentType>;
}

const guardedScreens: readonly GuardedScreen[] = [
  { path: "/users", permission: "users.read", component: UsersPage },
  { path: "/offices", permission: "organization.read", anyScope: true, component: OfficesPage },
  { path: "/organization", permission: "organization.read", anyScope: true, component: OrganizationPage },
  { path: "/approvals", permission: "approvals.read", component: ApprovalsPage },
  { path: "/audit", permission: "audit.read", component: AuditPage },
  { path: "/books", permission: "ledger.read", hasSubpaths: true, component: LedgerRoutes },
  { path: "/groups", permission: "groups.read", anyScope: true, hasSubpaths: true, component: GroupsRoutes },
  { path: "/people", permission: "people.read", anyScope: true, hasSubpaths: true, component: PeopleRoutes },
  {
    path: "/federations",
    permission: "federations.read",
    anyScope: true,
    hasSubpaths: true,
    component: FederationsRoutes,
  },
  { path: "/network", permission: "network.read", component: FederationsRoutes },
  { path: "/network-sharing", permission: "organization.manage", component: FederationsRoutes },
  { path: "/loans", permission: "loans.read", anyScope: true, hasSubpaths: true, component: LoansRoutes },
  { path: "/projects", permission: "projects.read", hasSubpaths: true, component: ProjectsRoutes },
  {
    path: "/children-center",
    permission: "children.read",
    hasSubpaths: true,
    component: ChildrenCenterRoutes,
  },
  { path: "/trainings", permission: "trainings.manage", hasSubpaths: true, component: TrainingsRoutes },
];

const mainId = "main-content";

/** The office shell: header with language and theme, a navigation bar, and the screen in the middle. */
export default function AppLayout() {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const [isNavOpen, nav] = useDisclosure(false);
  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 260, breakpoint: "sm", collapsed: { mobile: !isNavOpen } }}
      padding="md"
    >
      <AppShell.Header>
        <a href={`#${mainId}`} className="moldir-skip-link">
          {t("app.skipToContent")}
        </a>
        <Group h="100%" px={{ base: "xs", sm: "md" }} justify="space-between" wrap="nowrap" gap="xs">
          <Group gap="xs" wrap="nowrap">
            <Burger
              opened={isNavOpen}
              onClick={nav.toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={t("nav.toggle")}
              aria-expanded={isNavOpen}
            />
            <Anchor component={Link} href="/" underline="never" c="inherit">
              <Text fw={700} fz="xl" c="teal">
                {t("app.name")}
              </Text>
            </Anchor>
          </Group>
          <Group gap="sm" wrap="nowrap">
            {session !== null && (
              <Box visibleFrom="xs">
                <OrganizationSwitch session={session} />
              </Box>
            )}
            <LanguageSwitch />
            {/* On a phone the header has no room for it: it moves into the navigation. */}
            <Box visibleFrom="sm">
              <ColorSchemeToggle />
            </Box>
            {session === null ? (
              <Button component={Link} href="/login" size="xs" variant="light">
                {t("nav.signIn")}
              </Button>
            ) : (
              <UserMenu session={session} />
            )}
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="xs" component="nav" aria-label={t("nav.label")}>
        <Navigation session={session} onNavigate={nav.close} />
        {session !== null && (
          <Box hiddenFrom="xs" mt="md" px="sm">
            <OrganizationSwitch session={session} />
          </Box>
        )}
        <Box hiddenFrom="sm" mt="md" px="sm">
          <ColorSchemeToggle />
        </Box>
      </AppShell.Navbar>

      <AppShell.Main id={mainId} tabIndex={-1}>
        {session?.mustEnableSecondFactor === true && (
          <Alert color="yellow" title={t("twoFactor.requiredTitle")} mb="md" role="status">
            {t("twoFactor.requiredText")}{" "}
            <Anchor component={Link} href="/profile">
              {t("twoFactor.requiredLink")}
            </Anchor>
          </Alert>
        )}
        {/* A new organization is a new set of data: every screen starts afresh. */}
        <Suspense key={session?.currentOrgId ?? "none"} fallback={<PageLoader />}>
          <Switch>
            <Route path="/calculator" component={CalculatorPage} />
            {/* Signed out, only public paths reach the shell (see App): the rest is not here. */}
            {session !== null && <Route path="/" component={HomePage} />}
            {session !== null && <Route path="/profile" component={ProfilePage} />}
            {session !== null &&
              guardedScreens.map(({ path, permission, anyScope = false, hasSubpaths, component: Screen }) => (
                <Route key={path} path={hasSubpaths === true ? `${path}/*?` : path}>
                  {hasPermission(session, permission, { anyScope }) ? <Screen /> : <NoAccess />}
                </Route>
              ))}
            <Route component={NotFoundPage} />
          </Switch>
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}

interface NavigationProps {
  readonly session: SessionResponse | null;
  readonly onNavigate: () => void;
}

/** Only the screens the person may open: a link she cannot follow would only disappoint her. */
function Navigation({ session, onNavigate }: NavigationProps) {
  const { t } = useTranslation();
  if (session === null) {
    return (
      <>
        <NavItem href="/calculator" label={t("nav.calculator")} onNavigate={onNavigate} />
        <NavItem href="/login" label={t("nav.signIn")} onNavigate={onNavigate} />
      </>
    );
  }
  const may = (path: string) => {
    const screen = guardedScreens.find((candidate) => candidate.path === path);
    return (
      screen !== undefined &&
      hasPermission(session, screen.permission, { anyScope: screen.anyScope === true })
    );
  };
  return (
    <>
      <NavItem href="/" label={t("nav.home")} onNavigate={onNavigate} />
      <NavItem href="/calculator" label={t("nav.calculator")} onNavigate={onNavigate} />
      {may("/approvals") && <NavItem href="/approvals" label={t("nav.approvals")} onNavigate={onNavigate} />}
      {may("/people") && <NavItem href="/people" label={t("nav.people")} onNavigate={onNavigate} />}
      {may("/groups") && <NavItem href="/groups" label={t("nav.groups")} onNavigate={onNavigate} />}
      {may("/federations") && (
        <NavItem href="/federations" label={t("nav.federations")} onNavigate={onNavigate} />
      )}
      {may("/network") && <NavItem href="/network" label={t("nav.network")} onNavigate={onNavigate} />}
      {may("/network-sharing") && (
        <NavItem href="/network-sharing" label={t("nav.networkSharing")} onNavigate={onNavigate} />
      )}
      {may("/loans") && <NavItem href="/loans" label={t("nav.loans")} onNavigate={onNavigate} />}
      {may("/projects") && <NavItem href="/projects" label={t("nav.projects")} onNavigate={onNavigate} />}
      {may("/children-center") && (
        <NavItem href="/children-center" label={t("nav.childrenCenter")} onNavigate={onNavigate} />
      )}
      {may("/trainings") && <NavItem href="/trainings" label={t("nav.trainings")} onNavigate={onNavigate} />}
      {may("/books") && <NavItem href="/books" label={t("nav.books")} onNavigate={onNavigate} />}
      {may("/users") && <NavItem href="/users" label={t("nav.users")} onNavigate={onNavigate} />}
      {may("/offices") && <NavItem href="/offices" label={t("nav.offices")} onNavigate={onNavigate} />}
      {may("/organization") && (
        <NavItem href="/organization" label={t("nav.organization")} onNavigate={onNavigate} />
      )}
      {may("/audit") && <NavItem href="/audit" label={t("nav.audit")} onNavigate={onNavigate} />}
      <NavItem href="/profile" label={t("nav.profile")} onNavigate={onNavigate} />
    </>
  );
}

interface NavItemProps {
  readonly href: string;
  readonly label: string;
  readonly onNavigate: () => void;
}

/** A real link (open in a new tab works), navigated in the page for an ordinary click. */
function NavItem({ href, label, onNavigate }: NavItemProps) {
  const [location, navigate] = useLocation();
  // A screen with screens below it (the books) stays marked on them.
  const isActive = location === href || (href !== "/" && location.startsWith(`${href}/`));
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || event.button !== 0) return;
    event.preventDefault();
    navigate(href);
    onNavigate();
  };
  return (
    <NavLink
      component="a"
      href={href}
      label={label}
      active={isActive}
      aria-current={isActive ? "page" : undefined}
      onClick={onClick}
    />
  );
}
