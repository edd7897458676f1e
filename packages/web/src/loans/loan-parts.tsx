import "@mantine/core/styles/Badge.css";
import { Anchor, Badge, Group, Text } from "@mantine/core";
import { formatMoney } from "@moldir/domain";
import type { CSSProperties } from "react";
import { useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "wouter";
import { ApiError } from "../api/client";
import { useApiRequest, useErrorMessage } from "../api/use-api";
import { useLocale } from "../i18n/use-locale";
import { type LoanStatus, loanCurrency, loanPaths, statusColor } from "./loans-api";

/** Money lines up by its digits. */
export const moneyCell: CSSProperties = {
  textAlign: "right",
  fontVariantNumeric: "tabular-nums",
  whiteSpace: "nowrap",
};

/** Formats minor units (a bigint or the wire's decimal string) in tenge, in the language shown now. */
export function useMoney(): (amount: bigint | string) => string {
  const locale = useLocale();
  return useCallback(
    (amount: bigint | string) =>
      formatMoney(typeof amount === "string" ? BigInt(amount) : amount, loanCurrency, locale),
    [locale],
  );
}

/** A loan's status; an active loan in arrears says how many days. */
export function StatusBadge({
  status,
  daysPastDue = 0,
}: {
  readonly status: LoanStatus;
  readonly daysPastDue?: number;
}) {
  const { t } = useTranslation();
  const isLate = status === "active" && daysPastDue > 0;
  return (
    <Badge variant="light" tt="none" color={statusColor(status, daysPastDue)}>
      {isLate ? t("loans.overdueDays", { days: daysPastDue }) : t(`loans.statuses.${status}`)}
    </Badge>
  );
}

/** The way back to all loans above a screen of one. */
export function LoansTrail() {
  const { t } = useTranslation();
  return (
    <Group gap="xs" mb="xs">
      <Anchor component={Link} href={loanPaths.loans} size="sm">
        {t("loans.allLoans")}
      </Anchor>
      <Text size="sm" c="dimmed" aria-hidden>
        /
      </Text>
    </Group>
  );
}

/** A write's state: sending, and the refusal to show (at its field when the server names one). */
export function useWrite() {
  const request = useApiRequest();
  const errorMessage = useErrorMessage();
  const [isSending, setIsSending] = useState(false);
  const [refusal, setRefusal] = useState<{ message: string; field: string | null } | null>(null);
  const send = async <T,>(
    path: string,
    body: unknown,
    method: "POST" | "DELETE" = "POST",
  ): Promise<T | null> => {
    setIsSending(true);
    setRefusal(null);
    try {
      return await request<T>(path, method === "POST" ? { method, body } : { method });
    } catch (caught) {
      setRefusal({
        message: errorMessage(caught),
        field: caught instanceof ApiError ? caught.field : null,
      });
      return null;
    } finally {
      setIsSending(false);
    }
  };
  const atField = (field: string) => (refusal?.field === field ? refusal.message : undefined);
  const elsewhere = (fields: readonly string[]) =>
    refusal !== null && (refusal.field === null || !fields.includes(refusal.field)) ? refusal.message : null;
  return { send, isSending, atField, elsewhere };
}
