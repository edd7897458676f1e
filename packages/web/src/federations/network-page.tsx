import "@mantine/core/styles/Table.css";
import { Badge, Paper, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useApiResource } from "../api/use-api";
import { moneyCell, useMoney } from "../groups/group-parts";
import { PageHeader } from "../layout/page-header";
import { ResourceView } from "../layout/resource-view";
import { todayPlainDate } from "../ledger/ledger-api";
import { hasPermission, useSignedInSession } from "../session/session-context";
import { federationApi, type NetworkDashboard } from "./federations-api";
import { AddPartnerForm, NamedMembersButton } from "./network-partners";

/** The network's dashboard: what each partner shares, side by side, in total and by region, with bars. */
export default function NetworkPage() {
  const { t } = useTranslation();
  const money = useMoney();
  const [asOf, setAsOf] = useState(todayPlainDate());
  const mayManage = hasPermission(useSignedInSession(), "organization.manage");
  const dashboard = useApiResource<NetworkDashboard>(
    /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? federationApi.networkDashboard(asOf) : null,
  );
  return (
    <Stack gap="lg">
      <PageHeader title={t("federations.network.title")} description={t("federations.network.description")} />
      <TextInput
        type="date"
        label={t("federations.asOf")}
        value={asOf}
        onChange={(e) => setAsOf(e.currentTarget.value)}
        maw={200}
      />
      {mayManage && <AddPartnerForm onAdded={dashboard.reload} />}
      <ResourceView resource={dashboard.resource} onRetry={dashboard.reload}>
        {({ partners, total, regions }) => {
          const top = Math.max(1, ...partners.map((p) => Number(p.figures?.savingsMinor ?? "0")));
          return partners.length === 0 ? (
            <Text c="dimmed">{t("federations.network.empty")}</Text>
          ) : (
            <Stack gap="lg">
              <Paper withBorder p="md">
                <Table.ScrollContainer minWidth={760}>
                  <Table striped aria-label={t("federations.network.title")}>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t("federations.network.partner")}</Table.Th>
                        <Table.Th>{t("federations.network.contact")}</Table.Th>
                        <Table.Th>{t("federations.network.agreement")}</Table.Th>
                        <Table.Th style={moneyCell}>{t("federations.groupCount")}</Table.Th>
                        <Table.Th style={moneyCell}>{t("federations.members")}</Table.Th>
                        <Table.Th style={moneyCell}>{t("federations.savings")}</Table.Th>
                        <Table.Th style={moneyCell}>{t("federations.fundLoansOutstanding")}</Table.Th>
                        <Table.Th>{t("federations.trend")}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {partners.map((p) => (
                        <Table.Tr key={p.id}>
                          <Table.Td>
                            <Text fw={500}>{p.name}</Text>
                            <Text size="xs" c="dimmed">
                              {p.regionId ?? t("federations.network.noRegion")}
                            </Text>
                            {p.isShared && <NamedMembersButton partner={p} asOf={asOf} />}
                          </Table.Td>
                          <Table.Td>
                            {[p.contactName, p.contactPhone].filter((x) => x !== null).join(", ")}
                          </Table.Td>
                          <Table.Td>
                            {p.agreementFrom ?? "…"} – {p.agreementUntil ?? "…"}
                          </Table.Td>
                          {p.figures === null ? (
                            <Table.Td colSpan={5}>
                              <Badge variant="light" color="gray" tt="none">
                                {t("federations.network.notShared")}
                              </Badge>
                            </Table.Td>
                          ) : (
                            <>
                              <Table.Td style={moneyCell}>{p.figures.groups}</Table.Td>
                              <Table.Td style={moneyCell}>{p.figures.members}</Table.Td>
                              <Table.Td style={moneyCell}>{money(p.figures.savingsMinor)}</Table.Td>
                              <Table.Td style={moneyCell}>
                                {money(p.figures.fundLoansOutstandingMinor)}
                              </Table.Td>
                              <Table.Td>
                                <svg
                                  width={120}
                                  height={12}
                                  role="img"
                                  aria-label={money(p.figures.savingsMinor)}
                                >
                                  <rect
                                    width={(120 * Number(p.figures.savingsMinor)) / top}
                                    height={12}
                                    fill="var(--mantine-color-teal-6)"
                                  />
                                </svg>
                              </Table.Td>
                            </>
                          )}
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                    <Table.Tfoot>
                      <Table.Tr>
                        <Table.Th colSpan={3}>
                          {t("federations.network.total")} ({total.partnersSharing})
                        </Table.Th>
                        <Table.Th style={moneyCell}>{total.groups}</Table.Th>
                        <Table.Th style={moneyCell}>{total.members}</Table.Th>
                        <Table.Th style={moneyCell}>{money(total.savingsMinor)}</Table.Th>
                        <Table.Th style={moneyCell}>{money(total.fundLoansOutstandingMinor)}</Table.Th>
                        <Table.Th />
                      </Table.Tr>
                    </Table.Tfoot>
                  </Table>
                </Table.ScrollContainer>
              </Paper>
              <Paper withBorder p="md">
                <Title order={2} size="h4" mb="sm">
                  {t("federations.network.regions")}
                </Title>
                <Table striped aria-label={t("federations.network.regions")}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t("federations.network.region")}</Table.Th>
                      <Table.Th style={moneyCell}>{t("federations.network.partner")}</Table.Th>
                      <Table.Th style={moneyCell}>{t("federations.groupCount")}</Table.Th>
                      <Table.Th style={moneyCell}>{t("federations.members")}</Table.Th>
                      <Table.Th style={moneyCell}>{t("federations.savings")}</Table.Th>
                      <Table.Th style={moneyCell}>{t("federations.network.federationNodes")}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {regions.map((r) => (
                      <Table.Tr key={r.regionId ?? "none"}>
                        <Table.Td>{r.regionId ?? t("federations.network.noRegion")}</Table.Td>
                        <Table.Td style={moneyCell}>{r.partners}</Table.Td>
                        <Table.Td style={moneyCell}>{r.groups}</Table.Td>
                        <Table.Td style={moneyCell}>{r.members}</Table.Td>
                        <Table.Td style={moneyCell}>{money(r.savingsMinor)}</Table.Td>
                        <Table.Td style={moneyCell}>{r.federationNodes}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Paper>
            </Stack>
          );
        }}
      </ResourceView>
    </Stack>
  );
}
