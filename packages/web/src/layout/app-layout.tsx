import "@mantine/core/styles/ScrollArea.css";
import "@mantine/core/styles/AppShell.css";
import "@mantine/core/styles/Burger.css";
import "@mantine/core/styles/NavLink.css";
import { Anchor, AppShell, Box, Burger, Group, NavLink, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { lazy, type MouseEvent, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { Link, Route, Switch, useLocation } from "wouter";
import { ColorSchemeToggle } from "./color-scheme-toggle";
import { LanguageSwitch } from "./language-switch";
import { PageLoader } from "./page-loader";

const HomePage = lazy(() => import("../pages/home-page"));
const CalculatorPage = lazy(() => import("../calculator/calculator-page"));
const NotFoundPage = lazy(() => import("../pages/not-found-page"));

const mainId = "main-content";

/** The office shell: header with language and theme, a navigation bar, and the screen in the middle. */
export default function AppLayout() {
  const { t } = useTranslation();
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
            <LanguageSwitch />
            {/* On a phone the header has no room for it: it moves into the navigation. */}
            <Box visibleFrom="sm">
              <ColorSchemeToggle />
            </Box>
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="xs" component="nav" aria-label={t("nav.label")}>
        <NavItem href="/" label={t("nav.home")} onNavigate={nav.close} />
        <NavItem href="/calculator" label={t("nav.calculator")} onNavigate={nav.close} />
        <NavItem href="/login" label={t("nav.signIn")} onNavigate={nav.close} />
        <Box hiddenFrom="sm" mt="md" px="sm">
          <ColorSchemeToggle />
        </Box>
      </AppShell.Navbar>

      <AppShell.Main id={mainId} tabIndex={-1}>
        <Suspense fallback={<PageLoader />}>
          <Switch>
            <Route path="/" component={HomePage} />
            <Route path="/calculator" component={CalculatorPage} />
            <Route component={NotFoundPage} />
          </Switch>
        </Suspense>
      </AppShell.Main>
    </AppShell>
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
  const isActive = location === href;
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
