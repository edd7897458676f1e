import "@mantine/core/styles/Combobox.css";
import "@mantine/core/styles/Popover.css";
import { Select, Text } from "@mantine/core";
import type { SessionResponse } from "@moldir/contract";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useLocation } from "wouter";
import { useErrorMessage } from "../api/use-api";
import { nameIn } from "../i18n/names";
import { useLocale } from "../i18n/use-locale";
import { useSession } from "../session/session-context";

/**
 * The organization the person works in now, and the others she belongs to. A person of one organization
 * sees its name; switching starts again from the home page, with the new organization's permissions.
 */
export function OrganizationSwitch({ session }: { readonly session: SessionResponse }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const errorMessage = useErrorMessage();
  const { switchOrganization } = useSession();
  const [, navigate] = useLocation();
  const [error, setError] = useState<string | undefined>(undefined);
  const [isSwitching, setIsSwitching] = useState(false);
  const current = session.organizations.find((org) => org.orgId === session.currentOrgId);

  if (session.organizations.length <= 1) {
    return current === undefined ? null : (
      <Text size="sm" fw={500} truncate="end" maw={260}>
        {nameIn(current.names, locale)}
      </Text>
    );
  }
  const data = session.organizations.map((org) => ({ value: org.orgId, label: nameIn(org.names, locale) }));
  const onChange = async (orgId: string | null) => {
    if (orgId === null || orgId === session.currentOrgId) return;
    setIsSwitching(true);
    setError(undefined);
    try {
      await switchOrganization(orgId);
      navigate("/");
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setIsSwitching(false);
    }
  };
  return (
    <Select
      aria-label={t("header.organization")}
      data={data}
      value={session.currentOrgId}
      onChange={(value) => void onChange(value)}
      allowDeselect={false}
      disabled={isSwitching}
      error={error}
      size="xs"
      w={{ base: 160, sm: 260 }}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
