import "@mantine/core/styles/Table.css";
import "@mantine/core/styles/SimpleGrid.css";
import { Paper, SimpleGrid, Stack, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useParams } from "wouter";
import { useApiResource } from "../api/use-api";
import { formatPlainDate } from "../format";
import { useLocale } from "../i18n/use-locale";
import { PageHeader } from "../layout/page-header";
import { ResourceView } from "../layout/resource-view";
import { GroupTrail, memberName, moneyCell, useMoney } from "./group-parts";
import { groupApi, type Passbook, useGroup } from "./groups-api";
import { MemberLoans } from "./internal-loans-panel";

/**
 * A member's passbook: every movement of hers at the group's meetings, with her savings and her loan
 * balance after each line, and the totals: what a member checks against her paper booklet.
 */
export default function PassbookPage() {
  const { groupId = "", memberId = "" } = useParams<{ groupId: string; memberId: string }>();
  const group = useGroup(groupId);
  const passbook = useApiResource<Passbook>(groupApi.passbook(groupId, memberId));
  return (
    <ResourceView resource={group.resource} onRetry={group.reload}>
      {(loaded) => (
        <Stack gap={0}>
          <GroupTrail groupId={loaded.id} groupName={loaded.name} />
          <ResourceView resource={passbook.resource} onRetry={passbook.reload}>
            {(book) => <PassbookView passbook={book} isVsla={loaded.methodology === "vsla"} />}
          </ResourceView>
        </Stack>
      )}
    </ResourceView>
  );
}

function PassbookView({ passbook, isVsla }: { readonly passbook: Passbook; readonly isVsla: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const money = useMoney();
  const totals: [string, string, string][] = [
    [t("groups.savings"), money(passbook.savingsMinor), "passbook-savings"],
    ...(isVsla
      ? ([[t("groups.shares"), String(passbook.shares), "passbook-shares"]] as [string, string, string][])
      : []),
    [t("groups.loansOutstanding"), money(passbook.loansOutstandingMinor), "passbook-loans"],
    [t("groups.passbook.socialFundPaid"), money(passbook.socialFundPaidMinor), "passbook-social"],
    [t("groups.passbook.finesPaid"), money(passbook.finesPaidMinor), "passbook-fines"],
  ];
  return (
    <Stack gap="md">
      <PageHeader
        title={t("groups.passbook.title", { name: memberName(passbook.person) })}
        description={t("groups.passbook.description")}
      />
      <SimpleGrid cols={{ base: 2, sm: totals.length }} spacing="sm">
        {totals.map(([label, value, testId]) => (
          <Paper key={testId} withBorder p="sm">
            <Text size="xs" c="dimmed">
              {label}
            </Text>
            <Text fw={600} data-testid={testId}>
              {value}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
      <MemberLoans loans={passbook.internalLoans} />
      {passbook.lines.length === 0 ? (
        <Text c="dimmed">{t("groups.passbook.empty")}</Text>
      ) : (
        <Table.ScrollContainer minWidth={620}>
          <Table striped aria-label={t("groups.passbook.lines")}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("groups.meeting.heldOn")}</Table.Th>
                <Table.Th>{t("groups.passbook.what")}</Table.Th>
                <Table.Th style={moneyCell}>{t("groups.passbook.amount")}</Table.Th>
                <Table.Th style={moneyCell}>{t("groups.passbook.savingsAfter")}</Table.Th>
                <Table.Th style={moneyCell}>{t("groups.passbook.loanAfter")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {passbook.lines.map((line) => (
                <Table.Tr
                  key={`${line.meetingId}-${line.kind}-${line.loanId ?? ""}-${line.amountMinor}-${line.savingsBalanceMinor}`}
                >
                  <Table.Td>{formatPlainDate(line.heldOn, locale)}</Table.Td>
                  <Table.Td>
                    {t(`groups.movements.${line.kind}`)}
                    {line.shares !== null ? ` × ${line.shares}` : ""}
                  </Table.Td>
                  <Table.Td style={moneyCell}>{money(line.amountMinor)}</Table.Td>
                  <Table.Td style={moneyCell}>{money(line.savingsBalanceMinor)}</Table.Td>
                  <Table.Td style={moneyCell}>{money(line.loanBalanceMinor)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
