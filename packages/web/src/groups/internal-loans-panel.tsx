import "@mantine/core/styles/Table.css";
import "@mantine/core/styles/Badge.css";
import { Badge, Button, Paper, Group as Row, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { Fragment, useState } from "react";
import { useTranslation } from "react-i18next";
import { useApiResource } from "../api/use-api";
import { formatPlainDate } from "../format";
import { useLocale } from "../i18n/use-locale";
import { ResourceView } from "../layout/resource-view";
import { todayPlainDate } from "../ledger/ledger-api";
import { memberName, moneyCell, ratePercent, useMoney } from "./group-parts";
import { type Group, groupApi, type InternalLoan, type InternalLoansResponse } from "./groups-api";

const statusColor: Readonly<Record<InternalLoan["schedule"][number]["status"], string>> = {
  paid: "green",
  partly_paid: "yellow",
  overdue: "red",
  not_due: "gray",
};

/**
 * The group's internal loans as of a date the reader picks (today by default): who is late and by how much,
 * then every open loan with what is outstanding and overdue, each with its schedule on demand. The schedule and
 * the arrears are the server's (the loan engine with the bylaws' terms), so paper and screen agree.
 */
export function InternalLoansPanel({ group }: { readonly group: Group }) {
  const { t } = useTranslation();
  const [asOf, setAsOf] = useState(todayPlainDate());
  const isDate = /^\d{4}-\d{2}-\d{2}$/.test(asOf);
  const loans = useApiResource<InternalLoansResponse>(isDate ? groupApi.internalLoans(group.id, asOf) : null);
  const names = new Map(group.members.map((member) => [member.id, memberName(member.person)]));
  return (
    <Stack gap="xs">
      <Row justify="space-between" align="flex-end">
        <Title order={2} size="h3">
          {t("groups.internalLoans.title")}
        </Title>
        <TextInput
          type="date"
          label={t("groups.internalLoans.asOf")}
          value={asOf}
          onChange={(event) => setAsOf(event.currentTarget.value)}
        />
      </Row>
      <ResourceView resource={loans.resource} onRetry={loans.reload}>
        {(loaded) => (
          <Stack gap="sm">
            <ArrearsList arrears={loaded.arrears} names={names} />
            <LoansTable loans={loaded.items} names={names} />
          </Stack>
        )}
      </ResourceView>
    </Stack>
  );
}

function ArrearsList({
  arrears,
  names,
}: {
  readonly arrears: InternalLoansResponse["arrears"];
  readonly names: ReadonlyMap<string, string>;
}) {
  const { t } = useTranslation();
  const money = useMoney();
  return (
    <Paper withBorder p="sm">
      <Title order={3} size="h5" mb="xs">
        {t("groups.internalLoans.arrears")}
      </Title>
      {arrears.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t("groups.internalLoans.noArrears")}
        </Text>
      ) : (
        <Table aria-label={t("groups.internalLoans.arrears")}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("groups.member")}</Table.Th>
              <Table.Th style={moneyCell}>{t("groups.internalLoans.overdue")}</Table.Th>
              <Table.Th style={moneyCell}>{t("groups.internalLoans.daysLate")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {arrears.map((line) => (
              <Table.Tr key={line.memberId}>
                <Table.Td>{names.get(line.memberId) ?? line.memberId}</Table.Td>
                <Table.Td style={moneyCell}>{money(line.overdueMinor)}</Table.Td>
                <Table.Td style={moneyCell}>{line.daysLate}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}

function LoansTable({
  loans,
  names,
}: {
  readonly loans: readonly InternalLoan[];
  readonly names: ReadonlyMap<string, string>;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const money = useMoney();
  const [open, setOpen] = useState<string | null>(null);
  if (loans.length === 0) return <Text c="dimmed">{t("groups.internalLoans.noLoans")}</Text>;
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped aria-label={t("groups.internalLoans.title")}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("groups.member")}</Table.Th>
            <Table.Th>{t("groups.internalLoans.disbursedOn")}</Table.Th>
            <Table.Th style={moneyCell}>{t("groups.internalLoans.principal")}</Table.Th>
            <Table.Th style={moneyCell}>{t("groups.internalLoans.outstanding")}</Table.Th>
            <Table.Th style={moneyCell}>{t("groups.internalLoans.overdue")}</Table.Th>
            <Table.Th style={moneyCell}>{t("groups.internalLoans.daysLate")}</Table.Th>
            <Table.Th>{t("groups.internalLoans.schedule")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {loans.map((loan) => {
            const name = names.get(loan.memberId) ?? loan.memberId;
            return (
              <Fragment key={loan.loanId}>
                <Table.Tr>
                  <Table.Td>{name}</Table.Td>
                  <Table.Td>{formatPlainDate(loan.disbursedOn, locale)}</Table.Td>
                  <Table.Td style={moneyCell}>{money(loan.principalMinor)}</Table.Td>
                  <Table.Td style={moneyCell}>{money(loan.outstandingMinor)}</Table.Td>
                  <Table.Td style={moneyCell} c={loan.overdueMinor === "0" ? undefined : "red"}>
                    {loan.overdueMinor === "0" ? "—" : money(loan.overdueMinor)}
                  </Table.Td>
                  <Table.Td style={moneyCell}>{loan.daysLate === 0 ? "—" : loan.daysLate}</Table.Td>
                  <Table.Td>
                    <Button
                      size="compact-sm"
                      variant="subtle"
                      aria-expanded={open === loan.loanId}
                      aria-label={`${t("groups.internalLoans.schedule")}, ${name}, ${formatPlainDate(loan.disbursedOn, locale)}`}
                      onClick={() => setOpen(open === loan.loanId ? null : loan.loanId)}
                    >
                      {t("groups.internalLoans.schedule")}
                    </Button>
                  </Table.Td>
                </Table.Tr>
                {open === loan.loanId && (
                  <Table.Tr>
                    <Table.Td colSpan={7}>
                      <LoanSchedule loan={loan} />
                    </Table.Td>
                  </Table.Tr>
                )}
              </Fragment>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** One loan's installments with what covered each, as of the date the server was asked about. */
export function LoanSchedule({ loan }: { readonly loan: InternalLoan }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const money = useMoney();
  return (
    <Stack gap={4}>
      <Text size="sm" c="dimmed">
        {t("groups.internalLoans.terms", {
          months: loan.termMonths,
          rate: ratePercent(loan.rateBpsPerMonth, locale),
        })}
        {loan.carriedOverOn !== null &&
          ` · ${t("groups.internalLoans.carriedOver", { date: formatPlainDate(loan.carriedOverOn, locale) })}`}
      </Text>
      <Table
        aria-label={t("groups.internalLoans.scheduleOf", { date: formatPlainDate(loan.disbursedOn, locale) })}
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("groups.internalLoans.number")}</Table.Th>
            <Table.Th>{t("groups.internalLoans.dueOn")}</Table.Th>
            <Table.Th style={moneyCell}>{t("groups.internalLoans.principalDue")}</Table.Th>
            <Table.Th style={moneyCell}>{t("groups.internalLoans.interestDue")}</Table.Th>
            <Table.Th style={moneyCell}>{t("groups.internalLoans.paid")}</Table.Th>
            <Table.Th>{t("groups.internalLoans.status")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {loan.schedule.map((installment) => (
            <Table.Tr key={installment.number}>
              <Table.Td>{installment.number}</Table.Td>
              <Table.Td>{formatPlainDate(installment.dueOn, locale)}</Table.Td>
              <Table.Td style={moneyCell}>{money(installment.principalMinor)}</Table.Td>
              <Table.Td style={moneyCell}>{money(installment.interestMinor)}</Table.Td>
              <Table.Td style={moneyCell}>
                {money(BigInt(installment.principalPaidMinor) + BigInt(installment.interestPaidMinor))}
              </Table.Td>
              <Table.Td>
                <Badge variant="light" tt="none" color={statusColor[installment.status]}>
                  {t(`groups.internalLoans.statuses.${installment.status}`)}
                </Badge>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

/** A member's loans in her passbook: each with its figures and its schedule. */
export function MemberLoans({ loans }: { readonly loans: readonly InternalLoan[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const money = useMoney();
  return (
    <Stack gap="sm">
      <Title order={2} size="h3">
        {t("groups.internalLoans.herLoans")}
      </Title>
      {loans.length === 0 && <Text c="dimmed">{t("groups.internalLoans.noneForHer")}</Text>}
      {loans.map((loan) => (
        <Paper key={loan.loanId} withBorder p="sm" data-testid="member-loan">
          <Row gap="lg" mb="xs">
            <Text fw={600}>
              {formatPlainDate(loan.disbursedOn, locale)} · {money(loan.principalMinor)}
            </Text>
            <Text size="sm">
              {t("groups.internalLoans.outstanding")}: {money(loan.outstandingMinor)}
            </Text>
            <Text size="sm" c={loan.overdueMinor === "0" ? undefined : "red"}>
              {t("groups.internalLoans.overdue")}: {money(loan.overdueMinor)}
              {loan.daysLate > 0 && ` (${t("groups.internalLoans.daysLate")}: ${loan.daysLate})`}
            </Text>
            {loan.isSettled && (
              <Badge variant="light" color="green" tt="none">
                {t("groups.internalLoans.settled")}
              </Badge>
            )}
          </Row>
          <LoanSchedule loan={loan} />
        </Paper>
      ))}
    </Stack>
  );
}
