import "@mantine/core/styles/SimpleGrid.css";
import {
  Alert,
  Badge,
  Button,
  Paper,
  Group as Row,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useApiResource } from "../api/use-api";
import { formatPlainDate } from "../format";
import { useLocale } from "../i18n/use-locale";
import { problem } from "../layout/problem";
import { ResourceView } from "../layout/resource-view";
import { todayPlainDate } from "../ledger/ledger-api";
import { hasPermission, useSignedInSession } from "../session/session-context";
import { useWrite } from "./loan-parts";
import { type LoanDetail, loanApi, readWhole, type TermChangeRequest } from "./loans-api";

const statusColors = { pending: "blue", approved: "teal", refused: "orange" } as const;

/**
 * The borrower's requests to change her terms after a delay (within 30 days of it; answered within 15 days of
 * receipt): each with its window, its answer deadline and its decision; a new one is recorded on a running
 * loan, and a pending one decided — approving it reschedules the loan.
 */
export function TermRequestsPanel({
  loan,
  onChanged,
}: {
  readonly loan: LoanDetail;
  readonly onChanged: (notice: string) => void;
}) {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const requests = useApiResource<{ items: TermChangeRequest[] }>(loanApi.termRequests(loan.id));
  const isRunning = loan.status === "active";
  const items = requests.resource.status === "loaded" ? requests.resource.data.items : [];
  if (!isRunning && items.length === 0) return null;
  const mayRecord = isRunning && hasPermission(session, "loans.manage");
  const mayDecide = isRunning && hasPermission(session, "loans.approve");
  const changed = (notice: string) => {
    requests.reload();
    onChanged(notice);
  };
  return (
    <Paper withBorder p="md" component="section" aria-label={t("loans.termRequests.title")}>
      <Title order={2} size="h4" mb="xs">
        {t("loans.termRequests.title")}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t("loans.termRequests.hint")}
      </Text>
      <ResourceView resource={requests.resource} onRetry={requests.reload}>
        {(data) => (
          <Stack gap="md">
            {data.items.length === 0 && <Text c="dimmed">{t("loans.termRequests.none")}</Text>}
            {data.items.map((item) => (
              <RequestCard
                key={item.id}
                loan={loan}
                item={item}
                mayDecide={mayDecide && item.status === "pending"}
                onDecided={changed}
              />
            ))}
            {mayRecord && !data.items.some((item) => item.status === "pending") && (
              <RecordRequest loanId={loan.id} onRecorded={changed} />
            )}
          </Stack>
        )}
      </ResourceView>
    </Paper>
  );
}

function RequestCard({
  loan,
  item,
  mayDecide,
  onDecided,
}: {
  readonly loan: LoanDetail;
  readonly item: TermChangeRequest;
  readonly mayDecide: boolean;
  readonly onDecided: (notice: string) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const date = (value: string) => formatPlainDate(value, locale);
  const rescheduling = loan.events.find((event) => event.id === item.rescheduleEventId);
  return (
    <Paper withBorder p="sm" data-testid={`term-request-${item.status}`}>
      <Stack gap={4}>
        <Row gap="xs">
          <Badge color={statusColors[item.status]} variant="light" tt="none">
            {t(`loans.termRequests.statuses.${item.status}`)}
          </Badge>
          {item.answerOverdue && (
            <Badge color="red" variant="filled" tt="none">
              {t("loans.termRequests.answerOverdue")}
            </Badge>
          )}
        </Row>
        <Text size="sm">
          {t("loans.termRequests.dates", {
            received: date(item.receivedOn),
            delay: date(item.delayStartedOn),
            window: date(item.windowEndsOn),
            answer: date(item.answerDueOn),
          })}
        </Text>
        <Text size="sm">{item.proposal}</Text>
        {item.decisionReason !== null && (
          <Text size="sm" c="dimmed">
            {t("loans.termRequests.decision", { reason: item.decisionReason })}
          </Text>
        )}
        {rescheduling !== undefined && (
          <Text size="sm" c="teal">
            {t("loans.termRequests.rescheduled", { date: date(rescheduling.valueDate) })}
          </Text>
        )}
        {mayDecide && <Decide loanId={loan.id} item={item} onDecided={onDecided} />}
      </Stack>
    </Paper>
  );
}

function RecordRequest({
  loanId,
  onRecorded,
}: {
  readonly loanId: string;
  readonly onRecorded: (n: string) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [receivedOn, setReceivedOn] = useState(todayPlainDate());
  const [proposal, setProposal] = useState("");
  const [isTried, setIsTried] = useState(false);
  const write = useWrite();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setIsTried(true);
    if (proposal.trim() === "") return;
    const done = await write.send<TermChangeRequest>(loanApi.termRequests(loanId), {
      receivedOn,
      proposal: proposal.trim(),
    });
    if (done !== null)
      onRecorded(t("loans.termRequests.recorded", { date: formatPlainDate(done.answerDueOn, locale) }));
  };
  const refusal = write.elsewhere(["receivedOn", "proposal"]);
  return (
    <Stack
      gap="xs"
      component="form"
      aria-label={t("loans.termRequests.record")}
      onSubmit={(e) => void submit(e)}
    >
      <TextInput
        type="date"
        w="fit-content"
        label={t("loans.termRequests.receivedOn")}
        value={receivedOn}
        onChange={(event) => setReceivedOn(event.currentTarget.value)}
        {...problem(write.atField("receivedOn"))}
      />
      <Textarea
        label={t("loans.termRequests.proposal")}
        autosize
        minRows={2}
        value={proposal}
        onChange={(event) => setProposal(event.currentTarget.value)}
        {...problem(isTried && proposal.trim() === "" ? t("loans.apply.problems.must_be_given") : undefined)}
      />
      {refusal !== null && (
        <Alert color="red" role="alert">
          {refusal}
        </Alert>
      )}
      <Button type="submit" variant="light" w="fit-content" loading={write.isSending}>
        {t("loans.termRequests.record")}
      </Button>
    </Stack>
  );
}

function Decide({
  loanId,
  item,
  onDecided,
}: {
  readonly loanId: string;
  readonly item: TermChangeRequest;
  readonly onDecided: (notice: string) => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState("");
  const [valueDate, setValueDate] = useState(todayPlainDate());
  const [installmentsText, setInstallmentsText] = useState("");
  const [isTried, setIsTried] = useState<"approve" | "refuse" | null>(null);
  const write = useWrite();
  const installments = readWhole(installmentsText);
  const decide = async (decision: "approve" | "refuse") => {
    setIsTried(decision);
    if (reason.trim() === "") return;
    if (decision === "approve" && (installments === null || installments === 0)) return;
    const done = await write.send<TermChangeRequest>(loanApi.termDecision(loanId, item.id), {
      decision,
      reason: reason.trim(),
      version: item.version,
      ...(decision === "approve" ? { reschedule: { valueDate, installments } } : {}),
    });
    if (done !== null) onDecided(t(`loans.termRequests.${decision === "approve" ? "approved" : "refused"}`));
  };
  const refusal = write.elsewhere(["valueDate", "installments"]);
  return (
    <Stack gap="xs" mt="xs">
      <Textarea
        label={t("loans.termRequests.reason")}
        autosize
        minRows={2}
        value={reason}
        onChange={(event) => setReason(event.currentTarget.value)}
        {...problem(
          isTried !== null && reason.trim() === "" ? t("loans.apply.problems.must_be_given") : undefined,
        )}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput
          type="date"
          label={t("loans.reschedule.valueDate")}
          value={valueDate}
          onChange={(event) => setValueDate(event.currentTarget.value)}
          {...problem(write.atField("valueDate"))}
        />
        <TextInput
          label={t("loans.reschedule.installments")}
          description={t("loans.termRequests.installmentsHint")}
          inputMode="numeric"
          value={installmentsText}
          onChange={(event) => setInstallmentsText(event.currentTarget.value)}
          {...problem(
            isTried === "approve" && (installments === null || installments === 0)
              ? t("loans.apply.problems.number_must_be_whole")
              : write.atField("installments"),
          )}
        />
      </SimpleGrid>
      {refusal !== null && (
        <Alert color="red" role="alert">
          {refusal}
        </Alert>
      )}
      <Row gap="xs">
        <Button color="teal" loading={write.isSending} onClick={() => void decide("approve")}>
          {t("loans.termRequests.approve")}
        </Button>
        <Button
          color="orange"
          variant="light"
          loading={write.isSending}
          onClick={() => void decide("refuse")}
        >
          {t("loans.termRequests.refuse")}
        </Button>
      </Row>
    </Stack>
  );
}
