import "@mantine/core/styles/Table.css";
import {
  Button,
  NativeSelect,
  Paper,
  Group as Row,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import type { GroupOfficers } from "@moldir/contract";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useApiRequest, useApiResource, useErrorMessage } from "../api/use-api";
import { formatPlainDate } from "../format";
import { useLocale } from "../i18n/use-locale";
import { type FormMessage, FormNotice } from "../layout/form-notice";
import { ResourceView } from "../layout/resource-view";
import { todayPlainDate } from "../ledger/ledger-api";
import { memberName } from "./group-parts";
import { activeMembers, type Group, groupApi } from "./groups-api";

/** The roles, in the order the form offers them. A type-only import of the contract keeps zod out of this page. */
const officerRoles: readonly GroupOfficers["current"][number]["role"][] = ["leader", "bookkeeper", "cashier"];

/**
 * The group's leader, bookkeeper and cashier today, and every earlier term; a manager appoints someone from a
 * date (the previous holder's term then ends the day before).
 */
export function OfficersPanel({ group, mayManage }: { readonly group: Group; readonly mayManage: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const officers = useApiResource<GroupOfficers>(groupApi.officers(group.id));
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t("groups.officers.title")}
        </Title>
        <ResourceView resource={officers.resource} onRetry={officers.reload}>
          {({ current, terms }) => (
            <Stack gap="sm">
              {terms.length === 0 ? (
                <Text c="dimmed">{t("groups.officers.none")}</Text>
              ) : (
                <Table aria-label={t("groups.officers.title")}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t("groups.officers.role")}</Table.Th>
                      <Table.Th>{t("groups.officers.member")}</Table.Th>
                      <Table.Th>{t("groups.officers.term")}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {terms.map((term) => {
                      const isCurrent = current.some((c) => c.id === term.id);
                      return (
                        <Table.Tr key={term.id} fw={isCurrent ? 600 : undefined}>
                          <Table.Td>{t(`groups.officers.roles.${term.role}`)}</Table.Td>
                          <Table.Td>{term.name}</Table.Td>
                          <Table.Td>
                            {formatPlainDate(term.fromOn, locale)} –{" "}
                            {term.toOn === null
                              ? t("groups.officers.now")
                              : formatPlainDate(term.toOn, locale)}
                          </Table.Td>
                        </Table.Tr>
                      );
                    })}
                  </Table.Tbody>
                </Table>
              )}
              {mayManage && <Appoint group={group} onAppointed={officers.reload} />}
            </Stack>
          )}
        </ResourceView>
      </Stack>
    </Paper>
  );
}

function Appoint({ group, onAppointed }: { readonly group: Group; readonly onAppointed: () => void }) {
  const { t } = useTranslation();
  const request = useApiRequest();
  const errorMessage = useErrorMessage();
  const members = activeMembers(group);
  const [role, setRole] = useState<GroupOfficers["current"][number]["role"]>("leader");
  const [memberId, setMemberId] = useState(members[0]?.id ?? "");
  const [fromOn, setFromOn] = useState(todayPlainDate());
  const [message, setMessage] = useState<FormMessage>(null);
  const [busy, setBusy] = useState(false);
  if (members.length === 0) return null;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setMessage(null);
    try {
      await request<GroupOfficers>(groupApi.officers(group.id), {
        method: "POST",
        body: { role, memberId, fromOn },
      });
      setMessage({ text: t("groups.officers.appointed"), isError: false });
      onAppointed();
    } catch (caught) {
      setMessage({ text: errorMessage(caught), isError: true });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap="xs" component="form" onSubmit={(event) => void submit(event)}>
      <Row gap="sm" align="flex-end">
        <NativeSelect
          label={t("groups.officers.role")}
          value={role}
          onChange={(event) => setRole(event.currentTarget.value as GroupOfficers["current"][number]["role"])}
          data={officerRoles.map((value) => ({ value, label: t(`groups.officers.roles.${value}`) }))}
        />
        <NativeSelect
          label={t("groups.officers.member")}
          value={memberId}
          onChange={(event) => setMemberId(event.currentTarget.value)}
          data={members.map((member) => ({ value: member.id, label: memberName(member.person) }))}
        />
        <TextInput
          type="date"
          label={t("groups.officers.fromOn")}
          value={fromOn}
          onChange={(event) => setFromOn(event.currentTarget.value)}
        />
        <Button type="submit" loading={busy}>
          {t("groups.officers.appoint")}
        </Button>
      </Row>
      <FormNotice message={message} />
    </Stack>
  );
}
