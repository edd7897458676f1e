import "@mantine/core/styles/Table.css";
import { Anchor, Table, Text, Title } from "@mantine/core";
import type { GroupTraining } from "@moldir/contract";
import { useTranslation } from "react-i18next";
import { Link } from "wouter";
import { useApiResource } from "../api/use-api";
import { formatPlainDate } from "../format";
import { useLocale } from "../i18n/use-locale";
import { ResourceView } from "../layout/resource-view";
import { addProjectsCatalogue } from "./projects-i18n";

/**
 * A group's training history, for the group's page: the sessions its members took part in, newest first, with
 * how many of them completed each. Mounted by the groups screens; it brings its own words.
 */
export function GroupTrainingsPanel({ groupId }: { readonly groupId: string }) {
  const { t, i18n } = useTranslation();
  addProjectsCatalogue(i18n);
  const locale = useLocale();
  const { resource, reload } = useApiResource<{ items: GroupTraining[] }>(
    `/api/v1/groups/${encodeURIComponent(groupId)}/trainings`,
  );
  return (
    <section aria-labelledby="group-trainings-title">
      <Title order={2} size="h3" id="group-trainings-title" mb="xs">
        {t("projects.trainings.groupHistory")}
      </Title>
      <ResourceView resource={resource} onRetry={reload}>
        {({ items }) =>
          items.length === 0 ? (
            <Text c="dimmed" size="sm">
              {t("projects.trainings.groupHistoryNone")}
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={560}>
              <Table verticalSpacing="xs" aria-labelledby="group-trainings-title">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t("projects.trainings.course")}</Table.Th>
                    <Table.Th>{t("projects.trainings.dates")}</Table.Th>
                    <Table.Th>{t("projects.trainings.participants")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((training) => (
                    <Table.Tr key={training.sessionId}>
                      <Table.Td>
                        <Anchor component={Link} href="/trainings">
                          {training.courseName}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>
                        {`${formatPlainDate(training.startsOn, locale)} – ${formatPlainDate(training.endsOn, locale)}`}
                      </Table.Td>
                      <Table.Td>
                        {t("projects.trainings.completedOf", {
                          completed: training.completed,
                          participants: training.participants,
                        })}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </ResourceView>
    </section>
  );
}
