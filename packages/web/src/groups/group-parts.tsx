import "@mantine/core/styles/Badge.css";
import { Anchor, Badge, Group, Text } from "@mantine/core";
import { basisPointsAsPercent, type CurrencyCode, formatMoney, type Locale } from "@moldir/domain";
import type { CSSProperties } from "react";
import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "wouter";
import { useLocale } from "../i18n/use-locale";
import { type GroupHealth, groupPaths } from "./groups-api";

/**
 * A group's books are opened in the organization's currency; the organizations Moldir serves keep tenge.
 * The group's answers carry no currency of their own, so the screens format in tenge.
 */
export const groupCurrency: CurrencyCode = "KZT";

/** Money lines up by its digits. */
export const moneyCell: CSSProperties = {
  textAlign: "right",
  fontVariantNumeric: "tabular-nums",
  whiteSpace: "nowrap",
};

/** A monthly rate in basis points as a percent, `2.50%` in English and `2,50 %` in Kazakh and Russian. */
export function ratePercent(basisPoints: number, locale: Locale): string {
  const rate = basisPointsAsPercent(basisPoints);
  return locale === "en" ? `${rate}%` : `${rate.replace(".", ",")}\u00a0%`;
}

/** Formats minor units (a bigint or the wire's decimal string) in the language shown now. */
export function useMoney(): (amount: bigint | string) => string {
  const locale = useLocale();
  return useCallback(
    (amount: bigint | string) =>
      formatMoney(typeof amount === "string" ? BigInt(amount) : amount, groupCurrency, locale),
    [locale],
  );
}

export function MethodologyBadge({ methodology }: { readonly methodology: string }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" tt="none" color={methodology === "vsla" ? "grape" : "teal"}>
      {t(`groups.methodologies.${methodology === "vsla" ? "vsla" : "shg"}`)}
    </Badge>
  );
}

export function HealthBadge({ health }: { readonly health: GroupHealth }) {
  const { t } = useTranslation();
  const color = health === "meeting_overdue" ? "red" : health === "no_meeting_yet" ? "gray" : "green";
  return (
    <Badge variant="light" tt="none" color={color}>
      {t(`groups.health.${health}`)}
    </Badge>
  );
}

/** The way back: all groups, then the group, above a screen of one group. */
export function GroupTrail({ groupId, groupName }: { readonly groupId: string; readonly groupName: string }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" mb="xs" wrap="wrap">
      <Anchor component={Link} href={groupPaths.groups} size="sm">
        {t("groups.title")}
      </Anchor>
      <Text size="sm" c="dimmed" aria-hidden>
        /
      </Text>
      <Anchor component={Link} href={groupPaths.group(groupId)} size="sm">
        {groupName}
      </Anchor>
    </Group>
  );
}

/** A member's name as the group calls her: surname and given name. */
export function memberName(person: { readonly surname: string; readonly givenName: string }): string {
  return `${person.surname} ${person.givenName}`;
}
