import "@mantine/core/styles/Table.css";
import "@mantine/core/styles/Checkbox.css";
import { Alert, Anchor, Button, Checkbox, Group as Row, Stack, Table, Text, TextInput } from "@mantine/core";
import type { ChildSummary } from "@moldir/contract";
import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "wouter";
import { useApiRequest, useApiResource, useErrorMessage } from "../api/use-api";
import { PageHeader } from "../layout/page-header";
import { ResourceView } from "../layout/resource-view";
import { todayPlainDate } from "../ledger/ledger-api";
import { hasPermission, useSignedInSession } from "../session/session-context";
import { CaseNotesSection, RegisterChildForm } from "./children-center-forms";
import { personName } from "./projects-api";

const api = {
  children: "/api/v1/children-center/children",
  attendance: (on: string) => `/api/v1/children-center/attendance?on=${encodeURIComponent(on)}`,
  saveAttendance: "/api/v1/children-center/attendance",
} as const;

/** The center's daily sheet: every child registered, ticked when present, saved as the day's sheet. */
export default function ChildrenCenterPage() {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const mayManage = hasPermission(session, "children.manage");
  const mayWriteCaseNotes = hasPermission(session, "case_notes.manage");
  const [day, setDay] = useState(todayPlainDate());
  const children = useApiResource<{ items: ChildSummary[] }>(api.children);
  const sheet = useApiResource<{ attendedOn: string; childIds: string[] }>(api.attendance(day));
  return (
    <Stack gap="md">
      <PageHeader title={t("projects.center.title")} description={t("projects.center.description")} />
      <TextInput
        type="date"
        w={200}
        label={t("projects.center.day")}
        value={day}
        onChange={(event) => setDay(event.currentTarget.value)}
      />
      {mayManage && <RegisterChildForm onRegistered={children.reload} />}
      <ResourceView resource={children.resource} onRetry={children.reload}>
        {({ items }) => (
          <Stack gap="md">
            {mayWriteCaseNotes && items.length > 0 && <CaseNotesSection items={items} />}
            <ResourceView resource={sheet.resource} onRetry={sheet.reload}>
              {(loaded) =>
                items.length === 0 ? (
                  <Text c="dimmed">{t("projects.center.none")}</Text>
                ) : (
                  <DailySheet
                    key={`${loaded.attendedOn}-${loaded.childIds.join(",")}`}
                    day={loaded.attendedOn}
                    items={items}
                    present={loaded.childIds}
                    mayManage={mayManage}
                    onSaved={() => {
                      children.reload();
                      sheet.reload();
                    }}
                  />
                )
              }
            </ResourceView>
          </Stack>
        )}
      </ResourceView>
    </Stack>
  );
}

function DailySheet(props: {
  readonly day: string;
  readonly items: readonly ChildSummary[];
  readonly present: readonly string[];
  readonly mayManage: boolean;
  readonly onSaved: () => void;
}) {
  const { t } = useTranslation();
  const request = useApiRequest();
  const errorMessage = useErrorMessage();
  const [present, setPresent] = useState<ReadonlySet<string>>(new Set(props.present));
  const [message, setMessage] = useState<{ text: string; isError: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => setPresent(new Set(props.present)), [props.present]);
  const active = props.items.filter((c) => c.leftOn === null);
  const toggle = (id: string) =>
    setPresent((before) => {
      const next = new Set(before);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setMessage(null);
    try {
      const saved = await request<{ childIds: string[] }>(api.saveAttendance, {
        method: "PUT",
        body: { attendedOn: props.day, childIds: [...present] },
      });
      setMessage({ text: t("projects.center.saved", { count: saved.childIds.length }), isError: false });
      props.onSaved();
    } catch (caught) {
      setMessage({ text: errorMessage(caught), isError: true });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap="sm" component="form" onSubmit={(event) => void save(event)}>
      <Table striped aria-label={t("projects.center.title")}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("projects.center.present")}</Table.Th>
            <Table.Th>{t("projects.center.child")}</Table.Th>
            <Table.Th>{t("projects.center.mother")}</Table.Th>
            <Table.Th>{t("projects.center.school")}</Table.Th>
            <Table.Th>{t("projects.center.daysThisMonth")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {active.map((child) => (
            <Table.Tr key={child.id}>
              <Table.Td>
                <Checkbox
                  aria-label={`${t("projects.center.present")}: ${personName(child.person)}`}
                  checked={present.has(child.id)}
                  disabled={!props.mayManage}
                  onChange={() => toggle(child.id)}
                />
              </Table.Td>
              <Table.Td>
                <Anchor component={Link} href={`/children-center/children/${child.id}`}>
                  {personName(child.person)}
                </Anchor>
              </Table.Td>
              <Table.Td>{child.mother === null ? "—" : personName(child.mother)}</Table.Td>
              <Table.Td>{[child.school, child.grade].filter((x) => x !== null).join(", ")}</Table.Td>
              <Table.Td>{child.daysThisMonth}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {props.mayManage && (
        <Row>
          <Button type="submit" loading={busy}>
            {t("projects.center.save")}
          </Button>
        </Row>
      )}
      {message !== null &&
        (message.isError ? (
          <Alert color="red" role="alert">
            {message.text}
          </Alert>
        ) : (
          <Text role="status" c="teal">
            {message.text}
          </Text>
        ))}
    </Stack>
  );
}
