import "@mantine/core/styles/Table.css";
import "@mantine/core/styles/SimpleGrid.css";
import { Alert, Paper, SimpleGrid, Stack, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useParams } from "wouter";
import { ApiError } from "../api/client";
import { useApiResource, useErrorMessage } from "../api/use-api";
import { PageHeader } from "../layout/page-header";
import { ResourceView } from "../layout/resource-view";
import { GroupTrail, memberName, moneyCell, useMoney } from "./group-parts";
import { type Group, groupApi, type ShareOutPreview, useGroup } from "./groups-api";

/**
 * What a VSLA share-out would pay each member now: the distributable fund (cash less the social fund, which
 * is never shared out) divided by all shares bought in the cycle. A preview: nothing is posted.
 */
export default function ShareOutPage() {
  const { t } = useTranslation();
  const { groupId = "" } = useParams<{ groupId: string }>();
  const group = useGroup(groupId);
  return (
    <ResourceView resource={group.resource} onRetry={group.reload}>
      {(loaded) => (
        <Stack gap={0}>
          <GroupTrail groupId={loaded.id} groupName={loaded.name} />
          <PageHeader title={t("groups.shareOut.title")} description={t("groups.shareOut.description")} />
          <ShareOut group={loaded} />
        </Stack>
      )}
    </ResourceView>
  );
}

function ShareOut({ group }: { readonly group: Group }) {
  const { t } = useTranslation();
  const money = useMoney();
  const errorMessage = useErrorMessage();
  const preview = useApiResource<ShareOutPreview>(
    group.methodology === "vsla" ? groupApi.shareOut(group.id) : null,
  );
  if (group.methodology !== "vsla") {
    return <Alert color="blue">{t("groups.shareOut.onlyVsla")}</Alert>;
  }
  // A refusal here is an answer, not a failure: loans still out, or no shares bought yet.
  if (
    preview.resource.status === "failed" &&
    preview.resource.error instanceof ApiError &&
    preview.resource.error.status === 422
  ) {
    return (
      <Alert color="yellow" title={t("groups.shareOut.notYet")}>
        {errorMessage(preview.resource.error)}
      </Alert>
    );
  }
  const names = new Map(group.members.map((member) => [member.id, memberName(member.person)]));
  return (
    <ResourceView resource={preview.resource} onRetry={preview.reload}>
      {(shareOut) => (
        <Stack gap="md">
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            {(
              [
                [t("groups.shareOut.distributable"), money(shareOut.distributableMinor)],
                [t("groups.shareOut.totalShares"), String(shareOut.totalShares)],
                [t("groups.shareOut.valuePerShare"), money(shareOut.valuePerShareMinor)],
              ] as const
            ).map(([label, value]) => (
              <Paper key={label} withBorder p="sm">
                <Text size="xs" c="dimmed">
                  {label}
                </Text>
                <Text fw={600}>{value}</Text>
              </Paper>
            ))}
          </SimpleGrid>
          <Table striped aria-label={t("groups.shareOut.payouts")}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("groups.member")}</Table.Th>
                <Table.Th style={moneyCell}>{t("groups.shares")}</Table.Th>
                <Table.Th style={moneyCell}>{t("groups.shareOut.payout")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shareOut.payouts.map((payout) => (
                <Table.Tr key={payout.memberId}>
                  <Table.Td>{names.get(payout.memberId) ?? payout.memberId}</Table.Td>
                  <Table.Td style={moneyCell}>{payout.shares}</Table.Td>
                  <Table.Td style={moneyCell}>{money(payout.payoutMinor)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      )}
    </ResourceView>
  );
}
