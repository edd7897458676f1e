import "@mantine/core/styles/EmptyState.css";
import { Button, EmptyState } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "wouter";
import { useDocumentTitle } from "./use-document-title";

/**
 * A screen the person may not see: said plainly, with the way back. The navigation does not offer such
 * screens; this is for an address typed or bookmarked, and for a refusal from the server.
 */
export function NoAccess() {
  const { t } = useTranslation();
  useDocumentTitle(t("noAccess.title"));
  return (
    <EmptyState
      withIndicatorBackground
      icon={<LockIcon />}
      title={<h1 style={{ margin: 0, font: "inherit" }}>{t("noAccess.title")}</h1>}
      description={t("noAccess.description")}
    >
      <EmptyState.Actions>
        <Button component={Link} href="/" variant="light">
          {t("notFound.backHome")}
        </Button>
      </EmptyState.Actions>
    </EmptyState>
  );
}

function LockIcon() {
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
      <rect x="5" y="11" width="14" height="10" rx="2" />
      <path d="M8 11V7a4 4 0 0 1 8 0v4" />
    </svg>
  );
}
