import "@mantine/core/styles/Table.css";
import {
  Alert,
  Anchor,
  Button,
  NativeSelect,
  Paper,
  Group as Row,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import type { Group } from "@moldir/contract";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "wouter";
import { useApiResource } from "../api/use-api";
import { problem } from "../layout/problem";
import { ResourceView } from "../layout/resource-view";
import { hasPermission, useSignedInSession } from "../session/session-context";
import { StatusBadge, useWrite } from "./loan-parts";
import { type CreditHistory, type LoanDetail, type LoanGuarantees, loanApi, loanPaths } from "./loans-api";

/**
 * The guarantee circle of a loan: the members of the borrower's joint-liability group who guarantee it, the
 * loans the borrower guarantees for others, and (before disbursement) a way to add a guarantor.
 */
export function GuaranteesPanel({ loan }: { readonly loan: LoanDetail }) {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const guarantees = useApiResource<LoanGuarantees>(loanApi.guarantees(loan.id));
  const isCircleLoan = loan.clientKind === "joint_liability";
  const mayAdd =
    isCircleLoan &&
    loan.personId !== null &&
    (loan.status === "applied" || loan.status === "approved") &&
    hasPermission(session, "loans.manage");
  if (
    !isCircleLoan &&
    (guarantees.resource.status !== "loaded" || guarantees.resource.data.guaranteedLoans.length === 0)
  ) {
    return null;
  }
  return (
    <Paper withBorder p="md" component="section" aria-label={t("loans.guarantees.title")}>
      <Title order={2} size="h4" mb="sm">
        {t("loans.guarantees.title")}
      </Title>
      <ResourceView resource={guarantees.resource} onRetry={guarantees.reload}>
        {(data) => (
          <Stack gap="sm">
            {isCircleLoan &&
              (data.guarantors.length === 0 ? (
                <Text c="dimmed">{t("loans.guarantees.none")}</Text>
              ) : (
                <Table aria-label={t("loans.guarantees.guarantors")}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t("loans.guarantees.guarantor")}</Table.Th>
                      <Table.Th>{t("loans.guarantees.group")}</Table.Th>
                      {mayAdd && <Table.Th />}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.guarantors.map((g) => (
                      <Table.Tr key={g.id}>
                        <Table.Td>{g.guarantorName}</Table.Td>
                        <Table.Td>{g.groupName}</Table.Td>
                        {mayAdd && (
                          <Table.Td>
                            <RemoveGuarantor
                              loanId={loan.id}
                              guaranteeId={g.id}
                              name={g.guarantorName}
                              onRemoved={guarantees.reload}
                            />
                          </Table.Td>
                        )}
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              ))}
            {data.guaranteedLoans.length > 0 && (
              <Table aria-label={t("loans.guarantees.guaranteed")}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t("loans.columns.number")}</Table.Th>
                    <Table.Th>{t("loans.columns.borrower")}</Table.Th>
                    <Table.Th>{t("loans.columns.status")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.guaranteedLoans.map((g) => (
                    <Table.Tr key={g.guaranteeId}>
                      <Table.Td>
                        <Anchor component={Link} href={loanPaths.loan(g.loanId)}>
                          {g.number}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{g.borrowerName}</Table.Td>
                      <Table.Td>
                        <StatusBadge status={g.status} daysPastDue={g.daysPastDue} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
            {mayAdd && loan.personId !== null && (
              <AddGuarantor loanId={loan.id} borrowerId={loan.personId} onAdded={guarantees.reload} />
            )}
          </Stack>
        )}
      </ResourceView>
    </Paper>
  );
}

/** Takes a guarantor out of the circle (before disbursement); the server audits it and refuses it after. */
function RemoveGuarantor({
  loanId,
  guaranteeId,
  name,
  onRemoved,
}: {
  readonly loanId: string;
  readonly guaranteeId: string;
  readonly name: string;
  readonly onRemoved: () => void;
}) {
  const { t } = useTranslation();
  const write = useWrite();
  const remove = async () => {
    const done = await write.send<LoanGuarantees>(
      loanApi.guarantee(loanId, guaranteeId),
      undefined,
      "DELETE",
    );
    if (done !== null) onRemoved();
  };
  const refusal = write.elsewhere([]);
  return (
    <Stack gap={4}>
      <Button
        size="xs"
        variant="subtle"
        color="red"
        loading={write.isSending}
        aria-label={`${t("loans.guarantees.remove")}: ${name}`}
        onClick={() => void remove()}
      >
        {t("loans.guarantees.remove")}
      </Button>
      {refusal !== null && (
        <Text size="xs" c="red" role="alert">
          {refusal}
        </Text>
      )}
    </Stack>
  );
}

/** A member of one of the borrower's groups chosen as a guarantor; the server refuses anyone else. */
function AddGuarantor({
  loanId,
  borrowerId,
  onAdded,
}: {
  readonly loanId: string;
  readonly borrowerId: string;
  readonly onAdded: () => void;
}) {
  const { t } = useTranslation();
  const history = useApiResource<CreditHistory>(loanApi.creditHistory(borrowerId));
  const groups = history.resource.status === "loaded" ? history.resource.data.groups : [];
  const [groupId, setGroupId] = useState("");
  const [guarantorPersonId, setGuarantorPersonId] = useState("");
  const group = useApiResource<Group>(groupId === "" ? null : loanApi.group(groupId));
  const members =
    group.resource.status === "loaded"
      ? group.resource.data.members.filter((m) => m.leftOn === null && m.person.id !== borrowerId)
      : [];
  const write = useWrite();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (groupId === "" || guarantorPersonId === "") return;
    const done = await write.send<LoanGuarantees>(loanApi.guarantees(loanId), { groupId, guarantorPersonId });
    if (done !== null) {
      setGuarantorPersonId("");
      onAdded();
    }
  };
  const refusal = write.elsewhere(["groupId", "guarantorPersonId"]);
  return (
    <Stack gap="xs" component="form" onSubmit={(event) => void submit(event)}>
      {groups.length === 0 && history.resource.status === "loaded" ? (
        <Text size="sm" c="dimmed">
          {t("loans.guarantees.noGroup")}
        </Text>
      ) : (
        <Row gap="sm" align="flex-start">
          <NativeSelect
            label={t("loans.guarantees.group")}
            data={[{ value: "", label: "—" }, ...groups.map((g) => ({ value: g.groupId, label: g.name }))]}
            value={groupId}
            onChange={(event) => {
              setGroupId(event.currentTarget.value);
              setGuarantorPersonId("");
            }}
            {...problem(write.atField("groupId"))}
          />
          <NativeSelect
            label={t("loans.guarantees.guarantor")}
            data={[
              { value: "", label: "—" },
              ...members.map((m) => ({
                value: m.person.id,
                label: `${m.person.surname} ${m.person.givenName}`,
              })),
            ]}
            value={guarantorPersonId}
            disabled={groupId === ""}
            onChange={(event) => setGuarantorPersonId(event.currentTarget.value)}
            {...problem(write.atField("guarantorPersonId"))}
          />
        </Row>
      )}
      {refusal !== null && (
        <Alert color="red" role="alert">
          {refusal}
        </Alert>
      )}
      <Button
        type="submit"
        variant="light"
        w="fit-content"
        loading={write.isSending}
        disabled={groupId === "" || guarantorPersonId === ""}
      >
        {t("loans.guarantees.add")}
      </Button>
    </Stack>
  );
}
