import "@mantine/core/styles/Table.css";
import { Alert, Button, Paper, Group as Row, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../api/client";
import { useApiRequest, useApiResource, useErrorMessage } from "../api/use-api";
import { formatPlainDate } from "../format";
import { useLocale } from "../i18n/use-locale";
import { PageHeader } from "../layout/page-header";
import { problem } from "../layout/problem";
import { ResourceView } from "../layout/resource-view";
import { todayPlainDate } from "../ledger/ledger-api";
import { hasPermission, useSignedInSession } from "../session/session-context";
import { LoansTrail } from "./loan-parts";
import { type LendingRules, loanApi, readWhole } from "./loans-api";

/** The debt burden limit in force and its history; an administrator sets a new one from a date. */
export default function LendingRulesPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const session = useSignedInSession();
  const mayManage = hasPermission(session, "organization.manage");
  const rules = useApiResource<{ current: LendingRules; history: LendingRules[] }>(loanApi.lendingRules);
  return (
    <Stack gap={0}>
      <LoansTrail />
      <PageHeader title={t("loans.rules.title")} description={t("loans.rules.description")} />
      <ResourceView resource={rules.resource} onRetry={rules.reload}>
        {({ current, history }) => (
          <Stack gap="md">
            <Alert color="blue" role="status" data-testid="rules-current">
              {t("loans.rules.current", { percent: current.debtBurdenMaxPercent })}
            </Alert>
            {mayManage && <SetLimit onSaved={rules.reload} />}
            <Paper withBorder p="md">
              <Title order={2} size="h4" mb="sm">
                {t("loans.rules.history")}
              </Title>
              {history.length === 0 ? (
                <Text c="dimmed">{t("loans.rules.noHistory")}</Text>
              ) : (
                <Table aria-label={t("loans.rules.history")}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t("loans.rules.effectiveFrom")}</Table.Th>
                      <Table.Th>{t("loans.rules.maxPercent")}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {history.map((rule) => (
                      <Table.Tr key={rule.effectiveFrom}>
                        <Table.Td>{formatPlainDate(rule.effectiveFrom, locale)}</Table.Td>
                        <Table.Td>{rule.debtBurdenMaxPercent}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Paper>
          </Stack>
        )}
      </ResourceView>
    </Stack>
  );
}

function SetLimit({ onSaved }: { readonly onSaved: () => void }) {
  const { t } = useTranslation();
  const request = useApiRequest();
  const errorMessage = useErrorMessage();
  const [effectiveFrom, setEffectiveFrom] = useState(todayPlainDate());
  const [percentText, setPercentText] = useState("50");
  const [isTried, setIsTried] = useState(false);
  const [refusal, setRefusal] = useState<{ message: string; field: string | null } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const percent = readWhole(percentText);
  const isPercentBad = percent === null || percent < 1 || percent > 100;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setIsTried(true);
    setNotice(null);
    if (isPercentBad) return;
    setRefusal(null);
    try {
      await request(loanApi.lendingRules, {
        method: "POST",
        body: { effectiveFrom, debtBurdenMaxPercent: percent },
      });
      setNotice(t("loans.rules.saved"));
      onSaved();
    } catch (caught) {
      setRefusal({ message: errorMessage(caught), field: caught instanceof ApiError ? caught.field : null });
    }
  };
  return (
    <Paper withBorder p="md" component="form" onSubmit={(event) => void submit(event)}>
      <Stack gap="sm">
        <Row gap="sm" align="flex-start">
          <TextInput
            type="date"
            label={t("loans.rules.effectiveFrom")}
            value={effectiveFrom}
            onChange={(event) => setEffectiveFrom(event.currentTarget.value)}
            {...problem(refusal?.field === "effectiveFrom" ? refusal.message : undefined)}
          />
          <TextInput
            label={t("loans.rules.maxPercent")}
            inputMode="numeric"
            value={percentText}
            onChange={(event) => setPercentText(event.currentTarget.value)}
            {...problem(
              isTried && isPercentBad
                ? t("loans.productForm.problems.number_must_be_whole")
                : refusal?.field === "debtBurdenMaxPercent"
                  ? refusal.message
                  : undefined,
            )}
          />
        </Row>
        {refusal !== null &&
          refusal.field !== "effectiveFrom" &&
          refusal.field !== "debtBurdenMaxPercent" && (
            <Alert color="red" role="alert">
              {refusal.message}
            </Alert>
          )}
        {notice !== null && (
          <Alert color="teal" role="status">
            {notice}
          </Alert>
        )}
        <Button type="submit" w="fit-content">
          {t("loans.rules.save")}
        </Button>
      </Stack>
    </Paper>
  );
}
