import "@mantine/core/styles/Table.css";
import { Anchor, Button, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "wouter";
import { useApiResource } from "../api/use-api";
import { formatPlainDate } from "../format";
import { moneyCell, useMoney } from "../groups/group-parts";
import { useLocale } from "../i18n/use-locale";
import { PageHeader } from "../layout/page-header";
import { ResourceView } from "../layout/resource-view";
import { hasPermission, useSignedInSession } from "../session/session-context";
import { type ProjectIndicators, type ProjectSummary, projectApi, projectPaths } from "./projects-api";

/** The organization's projects at a glance, and how many distinct people they reached this year. */
export default function ProjectsPage() {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const projects = useApiResource<{ items: ProjectSummary[] }>(projectApi.projects);
  const unique = useApiResource<ProjectIndicators>(projectApi.organizationIndicators);
  return (
    <Stack gap="md">
      <PageHeader
        title={t("projects.title")}
        description={t("projects.description")}
        actions={
          hasPermission(session, "projects.manage") && (
            <Button component={Link} href={projectPaths.create}>
              {t("projects.form.newTitle")}
            </Button>
          )
        }
      />
      <ResourceView resource={unique.resource} onRetry={unique.reload}>
        {(indicators) => (
          <Paper withBorder p="md" maw={360}>
            <Text size="sm" c="dimmed">
              {t("projects.uniqueTitle")}
            </Text>
            <Title order={2} data-testid="unique-beneficiaries">
              {indicators.beneficiaries.total}
            </Title>
            <Text size="xs" c="dimmed">
              {t("projects.uniqueHint")}
            </Text>
          </Paper>
        )}
      </ResourceView>
      <ResourceView resource={projects.resource} onRetry={projects.reload}>
        {({ items }) =>
          items.length === 0 ? (
            <Text c="dimmed">{t("projects.empty")}</Text>
          ) : (
            <ProjectsTable projects={items} />
          )
        }
      </ResourceView>
    </Stack>
  );
}

function ProjectsTable({ projects }: { readonly projects: readonly ProjectSummary[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const money = useMoney();
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped verticalSpacing="sm" aria-label={t("projects.title")}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("projects.code")}</Table.Th>
            <Table.Th>{t("projects.name")}</Table.Th>
            <Table.Th>{t("projects.donor")}</Table.Th>
            <Table.Th>{t("projects.period")}</Table.Th>
            <Table.Th style={moneyCell}>{t("projects.budget")}</Table.Th>
            <Table.Th style={moneyCell}>{t("projects.actual")}</Table.Th>
            <Table.Th style={moneyCell}>{t("projects.activeBeneficiaries")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {projects.map((project) => (
            <Table.Tr key={project.id}>
              <Table.Td>{project.code}</Table.Td>
              <Table.Td>
                <Anchor component={Link} href={projectPaths.project(project.id)} fw={500}>
                  {project.name}
                </Anchor>
              </Table.Td>
              <Table.Td>{project.donor}</Table.Td>
              <Table.Td>
                {formatPlainDate(project.startsOn, locale)} – {formatPlainDate(project.endsOn, locale)}
              </Table.Td>
              <Table.Td style={moneyCell}>{money(project.budgetMinor)}</Table.Td>
              <Table.Td style={moneyCell}>{money(project.actualMinor)}</Table.Td>
              <Table.Td style={moneyCell}>{project.activeBeneficiaries}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
