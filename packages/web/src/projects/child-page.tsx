import "@mantine/core/styles/Table.css";
import { Anchor, Card, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import type { ChildDetail } from "@moldir/contract";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "wouter";
import { useApiResource } from "../api/use-api";
import { formatMinor, formatPlainDate } from "../format";
import { useLocale } from "../i18n/use-locale";
import { PageHeader } from "../layout/page-header";
import { ResourceView } from "../layout/resource-view";
import { personName } from "./projects-api";

const moneyCell = { textAlign: "right", whiteSpace: "nowrap" } as const;

/**
 * One child of the center with her household's view: her services next to her mother's self-help groups, the
 * mother's savings and what she still owes on her loans there.
 */
export default function ChildPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { childId = "" } = useParams<{ childId: string }>();
  const child = useApiResource<ChildDetail>(
    `/api/v1/children-center/children/${encodeURIComponent(childId)}`,
  );
  return (
    <ResourceView resource={child.resource} onRetry={child.reload}>
      {(loaded) => (
        <Stack gap="md">
          <PageHeader
            title={personName(loaded.person)}
            description={t("projects.center.childDescription", {
              enrolledOn: formatPlainDate(loaded.enrolledOn, locale),
              days: loaded.daysThisMonth,
            })}
          />
          <Anchor component={Link} href="/children-center">
            {t("projects.center.back")}
          </Anchor>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Card withBorder>
              <Title order={3} size="h4">
                {t("projects.center.child")}
              </Title>
              <Text>
                {t("projects.center.school")}:{" "}
                {[loaded.school, loaded.grade].filter((x) => x !== null).join(", ") || "—"}
              </Text>
              <Text>
                {t("projects.center.needsTitle")}: {loaded.needs.length === 0 ? "—" : loaded.needs.join(", ")}
              </Text>
              {loaded.leftOn !== null && (
                <Text c="dimmed">
                  {t("projects.center.leftOn", { date: formatPlainDate(loaded.leftOn, locale) })}
                </Text>
              )}
            </Card>
            <Card withBorder>
              <Title order={3} size="h4">
                {t("projects.center.mother")}
              </Title>
              <Text>
                {loaded.mother === null ? t("projects.center.noMother") : personName(loaded.mother)}
              </Text>
              {loaded.motherGroups.length === 0 ? (
                <Text c="dimmed">{t("projects.center.motherNoGroups")}</Text>
              ) : (
                <Table aria-label={t("projects.center.motherGroups")}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t("projects.center.group")}</Table.Th>
                      <Table.Th style={moneyCell}>{t("projects.center.savings")}</Table.Th>
                      <Table.Th style={moneyCell}>{t("projects.center.loansOutstanding")}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {loaded.motherGroups.map((group) => (
                      <Table.Tr key={group.groupId}>
                        <Table.Td>
                          <Anchor component={Link} href={`/groups/${group.groupId}`}>
                            {group.groupName}
                          </Anchor>
                        </Table.Td>
                        <Table.Td style={moneyCell}>
                          {formatMinor(group.savingsMinor, "KZT", locale)}
                        </Table.Td>
                        <Table.Td style={moneyCell}>
                          {formatMinor(group.loansOutstandingMinor, "KZT", locale)}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Card>
          </SimpleGrid>
          <Title order={3} size="h4">
            {t("projects.center.services")}
          </Title>
          {loaded.services.length === 0 ? (
            <Text c="dimmed">{t("projects.center.noServices")}</Text>
          ) : (
            <Table striped aria-label={t("projects.center.services")}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("projects.center.deliveredOn")}</Table.Th>
                  <Table.Th>{t("projects.center.serviceKind")}</Table.Th>
                  <Table.Th>{t("projects.center.quantity")}</Table.Th>
                  <Table.Th>{t("projects.center.note")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {loaded.services.map((service) => (
                  <Table.Tr key={service.id}>
                    <Table.Td>{formatPlainDate(service.deliveredOn, locale)}</Table.Td>
                    <Table.Td>{t(`projects.center.kinds.${service.kind}`)}</Table.Td>
                    <Table.Td>{service.quantity}</Table.Td>
                    <Table.Td>{service.note ?? ""}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      )}
    </ResourceView>
  );
}
