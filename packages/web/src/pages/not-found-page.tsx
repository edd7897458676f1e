import "@mantine/core/styles/EmptyState.css";
import { Button, EmptyState } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "wouter";
import { useDocumentTitle } from "../layout/use-document-title";

export default function NotFoundPage() {
  const { t } = useTranslation();
  useDocumentTitle(t("notFound.title"));
  return (
    <EmptyState
      title={<h1 style={{ margin: 0, font: "inherit" }}>{t("notFound.title")}</h1>}
      description={t("notFound.description")}
    >
      <EmptyState.Actions>
        <Button component={Link} href="/" variant="light">
          {t("notFound.backHome")}
        </Button>
      </EmptyState.Actions>
    </EmptyState>
  );
}
