import "@mantine/core/styles/EmptyState.css";
import { Button, EmptyState, Stack, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "wouter";
import { useDocumentTitle } from "../layout/use-document-title";

/** The dashboard's place: empty until the organization's data exists. */
export default function HomePage() {
  const { t } = useTranslation();
  useDocumentTitle(t("home.title"));
  return (
    <Stack gap="lg">
      <Title order={1}>{t("home.title")}</Title>
      <EmptyState
        withIndicatorBackground
        icon={<DashboardIcon />}
        title={t("home.emptyTitle")}
        description={t("home.emptyDescription")}
      >
        <EmptyState.Actions>
          <Button component={Link} href="/calculator" variant="light">
            {t("home.openCalculator")}
          </Button>
        </EmptyState.Actions>
      </EmptyState>
    </Stack>
  );
}

function DashboardIcon() {
  return (
    <svg
      width="28"
      height="28"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      aria-hidden
    >
      <rect x="3" y="3" width="7" height="9" rx="1" />
      <rect x="14" y="3" width="7" height="5" rx="1" />
      <rect x="14" y="12" width="7" height="9" rx="1" />
      <rect x="3" y="16" width="7" height="5" rx="1" />
    </svg>
  );
}
