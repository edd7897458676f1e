import "@mantine/core/styles/Table.css";
import { Anchor, Badge, Paper, Group as Row, Stack, Table, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "wouter";
import { useApiResource } from "../api/use-api";
import { formatPlainDate } from "../format";
import { useLocale } from "../i18n/use-locale";
import { ResourceView } from "../layout/resource-view";
import { moneyCell, StatusBadge, useMoney } from "./loan-parts";
import { type CreditHistory, loanApi, loanPaths } from "./loans-api";

/**
 * A borrower's history with this organization, beside her application: her loans (the worst delay of a
 * running one shows at once) and the grades of the self-help groups she belongs to.
 */
export function CreditHistoryPanel({ personId }: { readonly personId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const money = useMoney();
  const history = useApiResource<CreditHistory>(loanApi.creditHistory(personId));
  return (
    <Paper withBorder p="sm" component="section" aria-label={t("loans.history.title")}>
      <Title order={3} size="h5" mb="xs">
        {t("loans.history.title")}
      </Title>
      <ResourceView resource={history.resource} onRetry={history.reload}>
        {(data) => (
          <Stack gap="xs">
            {data.loans.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t("loans.history.noLoans")}
              </Text>
            ) : (
              <Table aria-label={t("loans.history.loans")}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t("loans.columns.number")}</Table.Th>
                    <Table.Th style={moneyCell}>{t("loans.columns.principal")}</Table.Th>
                    <Table.Th style={moneyCell}>{t("loans.columns.outstanding")}</Table.Th>
                    <Table.Th>{t("loans.columns.disbursedOn")}</Table.Th>
                    <Table.Th>{t("loans.columns.status")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.loans.map((loan) => (
                    <Table.Tr key={loan.loanId}>
                      <Table.Td>
                        <Anchor component={Link} href={loanPaths.loan(loan.loanId)}>
                          {loan.number}
                        </Anchor>
                      </Table.Td>
                      <Table.Td style={moneyCell}>{money(loan.principalMinor)}</Table.Td>
                      <Table.Td style={moneyCell}>{money(loan.principalOutstandingMinor)}</Table.Td>
                      <Table.Td>
                        {loan.disbursedOn === null ? "—" : formatPlainDate(loan.disbursedOn, locale)}
                      </Table.Td>
                      <Table.Td>
                        <StatusBadge status={loan.status} daysPastDue={loan.daysPastDueNow} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
            {data.groups.length > 0 && (
              <Row gap="xs">
                <Text size="sm">{t("loans.history.groups")}</Text>
                {data.groups.map((group) => (
                  <Badge key={group.groupId} variant="light" tt="none">
                    {group.grade === null
                      ? group.name
                      : t("loans.history.grade", { name: group.name, grade: group.grade })}
                  </Badge>
                ))}
              </Row>
            )}
          </Stack>
        )}
      </ResourceView>
    </Paper>
  );
}
