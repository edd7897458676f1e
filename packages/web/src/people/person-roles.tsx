import "@mantine/core/styles/Timeline.css";
import { Badge, Group, Text, Timeline, Title } from "@mantine/core";
import type { PersonRoleEvent } from "@moldir/contract";
import { useTranslation } from "react-i18next";
import { useApiResource } from "../api/use-api";
import { formatPlainDate } from "../format";
import { useLocale } from "../i18n/use-locale";
import { ResourceView } from "../layout/resource-view";
import { personApi } from "./people-api";

/** Every role she holds across Moldir, oldest first: groups, loans, projects, trainings, children's center. */
export function PersonRoles({ personId }: { readonly personId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { resource, reload } = useApiResource<{ items: PersonRoleEvent[] }>(`${personApi(personId)}/roles`);
  const date = (text: string | null) => (text === null ? "…" : formatPlainDate(text, locale));
  return (
    <section aria-labelledby="roles-title">
      <Title order={2} size="h3" id="roles-title" mb="xs">
        {t("people.roles.title")}
      </Title>
      <ResourceView resource={resource} onRetry={reload}>
        {({ items }) =>
          items.length === 0 ? (
            <Text c="dimmed" size="sm">
              {t("people.roles.none")}
            </Text>
          ) : (
            <Timeline bulletSize={14} lineWidth={2} active={items.length - 1}>
              {items.map((role) => (
                <Timeline.Item
                  key={`${role.kind}-${role.recordId}`}
                  title={
                    <Group gap="xs">
                      <Text fw={500}>{t(`people.roles.kinds.${role.kind}`)}</Text>
                      {role.until === null && (
                        <Badge size="xs" color="teal" variant="light">
                          {t("people.roles.current")}
                        </Badge>
                      )}
                    </Group>
                  }
                >
                  <Text size="sm">{role.label === "" ? "—" : role.label}</Text>
                  <Text size="xs" c="dimmed">
                    {`${date(role.from)} – ${date(role.until)}`}
                    {role.detail === null ? "" : ` · ${role.detail}`}
                  </Text>
                </Timeline.Item>
              ))}
            </Timeline>
          )
        }
      </ResourceView>
    </section>
  );
}
