import "@mantine/core/styles/Table.css";
import "@mantine/core/styles/SimpleGrid.css";
import "@mantine/core/styles/SegmentedControl.css";
import {
  Alert,
  Button,
  NativeSelect,
  Paper,
  Group as Row,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { type FormEvent, type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "wouter";
import { useApiRequest, useErrorMessage } from "../api/use-api";
import { formatPercent, formatPlainDate } from "../format";
import { useLocale } from "../i18n/use-locale";
import { PageHeader } from "../layout/page-header";
import { problem } from "../layout/problem";
import { ResourceView } from "../layout/resource-view";
import { todayPlainDate } from "../ledger/ledger-api";
import { hasPermission, useSignedInSession } from "../session/session-context";
import { GuaranteesPanel } from "./guarantees-panel";
import { LoansTrail, moneyCell, StatusBadge, useMoney, useWrite } from "./loan-parts";
import {
  type LoanDetail,
  type LoanEvent,
  loanApi,
  type PayoffQuote,
  readTenge,
  readWhole,
  tengeText,
  useLoan,
} from "./loans-api";
import { TermRequestsPanel } from "./term-requests-panel";

/** One loan: its terms, balances, schedule and events, and what the person may do with it now. */
export default function LoanPage() {
  const params = useParams<{ loanId: string }>();
  const [asOf, setAsOf] = useState<string | null>(null);
  const loan = useLoan(params.loanId ?? "", asOf);
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <ResourceView resource={loan.resource} onRetry={loan.reload}>
      {(detail) => (
        <LoanView
          loan={detail}
          notice={notice}
          onAsOf={setAsOf}
          onChanged={(message) => {
            setNotice(message);
            loan.reload();
          }}
        />
      )}
    </ResourceView>
  );
}

interface LoanViewProps {
  readonly loan: LoanDetail;
  readonly notice: string | null;
  readonly onAsOf: (asOf: string) => void;
  readonly onChanged: (notice: string) => void;
}

function LoanView({ loan, notice, onAsOf, onChanged }: LoanViewProps) {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const may = (permission: "loans.approve" | "loans.disburse" | "repayments.record") =>
    hasPermission(session, permission);
  return (
    <Stack gap="md">
      <div>
        <LoansTrail />
        <PageHeader
          title={t("loans.loan.title", { number: loan.number })}
          description={`${loan.borrowerName} · ${loan.productCode}`}
          actions={<StatusBadge status={loan.status} daysPastDue={loan.daysPastDue} />}
        />
      </div>
      {notice !== null && (
        <Alert color="teal" role="status">
          {notice}
        </Alert>
      )}
      <Summary loan={loan} onAsOf={onAsOf} />
      {loan.status === "applied" && may("loans.approve") && <Decide loan={loan} onChanged={onChanged} />}
      {loan.status === "approved" && may("loans.disburse") && <Disburse loan={loan} onChanged={onChanged} />}
      {loan.status === "active" && may("repayments.record") && <Repay loan={loan} onChanged={onChanged} />}
      {loan.status === "active" && may("loans.approve") && (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          <Reschedule loan={loan} onChanged={onChanged} />
          <WriteOff loan={loan} onChanged={onChanged} />
        </SimpleGrid>
      )}
      {loan.status === "written_off" && may("repayments.record") && (
        <Recover loan={loan} onChanged={onChanged} />
      )}
      {loan.personId !== null && <GuaranteesPanel loan={loan} />}
      {loan.disbursedOn !== null && <TermRequestsPanel loan={loan} onChanged={onChanged} />}
      <Schedule loan={loan} />
      <Events loan={loan} mayReverse={may("repayments.record")} onChanged={onChanged} />
    </Stack>
  );
}

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={500} data-testid={testId}>
        {children}
      </Text>
    </div>
  );
}

function Summary({ loan, onAsOf }: { readonly loan: LoanDetail; readonly onAsOf: (asOf: string) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const money = useMoney();
  const isRunning = loan.status === "active" || loan.status === "closed";
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Row justify="space-between">
          <Title order={2} size="h4">
            {t("loans.loan.summary")}
          </Title>
          <TextInput
            type="date"
            size="xs"
            label={t("loans.loan.asOfLabel")}
            description={t("loans.loan.asOfHint")}
            value={loan.asOf}
            onChange={(event) => {
              // An incomplete date (the field is being typed) is not read yet.
              if (/^\d{4}-\d{2}-\d{2}$/.test(event.currentTarget.value)) onAsOf(event.currentTarget.value);
            }}
          />
        </Row>
        <SimpleGrid cols={{ base: 2, sm: 3, md: 4 }} spacing="sm">
          <Fact label={t("loans.loan.borrower")}>{loan.borrowerName}</Fact>
          <Fact label={t("loans.loan.product")}>{`${loan.productCode} v${loan.productVersion}`}</Fact>
          <Fact label={t("loans.loan.principal")}>{money(loan.principalMinor)}</Fact>
          <Fact label={t("loans.loan.installments")}>{loan.installments}</Fact>
          <Fact label={t("loans.loan.gesv")}>{formatPercent(loan.gesvPercent, locale)}</Fact>
          <Fact label={t("loans.loan.monthlyPayment")}>{money(loan.monthlyPaymentMinor)}</Fact>
          <Fact label={t("loans.loan.income")}>{money(loan.monthlyIncomeMinor)}</Fact>
          <Fact label={t("loans.loan.expenses")}>{money(loan.monthlyExpensesMinor)}</Fact>
          <Fact label={t("loans.loan.debtBurden")}>{formatPercent(loan.debtBurdenPercent, locale)}</Fact>
          {loan.disbursedOn === null ? (
            <Fact label={t("loans.loan.expectedDisbursementOn")}>
              {formatPlainDate(loan.expectedDisbursementOn, locale)}
            </Fact>
          ) : (
            <Fact label={t("loans.loan.disbursedOn")}>{formatPlainDate(loan.disbursedOn, locale)}</Fact>
          )}
          {isRunning && (
            <>
              <Fact label={t("loans.loan.outstanding")} testId="loan-outstanding">
                {money(loan.principalOutstandingMinor)}
              </Fact>
              <Fact label={t("loans.loan.overdue")}>{money(loan.overdueMinor)}</Fact>
              <Fact label={t("loans.loan.paid")}>{money(loan.totals.paidMinor)}</Fact>
              <Fact label={t("loans.loan.totalOwed")} testId="loan-total-owed">
                {money(loan.totals.totalOwedMinor)}
              </Fact>
              {loan.totals.overpaidMinor !== "0" && (
                <Fact label={t("loans.loan.overpaid")}>{money(loan.totals.overpaidMinor)}</Fact>
              )}
            </>
          )}
        </SimpleGrid>
        <Fact label={t("loans.loan.purpose")}>{loan.purpose}</Fact>
        {loan.decisionComment !== null && (
          <Fact label={t("loans.loan.decisionComment")}>{loan.decisionComment}</Fact>
        )}
      </Stack>
    </Paper>
  );
}

interface ActionProps {
  readonly loan: LoanDetail;
  readonly onChanged: (notice: string) => void;
}

function Decide({ loan, onChanged }: ActionProps) {
  const { t } = useTranslation();
  const [comment, setComment] = useState("");
  const [isTried, setIsTried] = useState(false);
  const write = useWrite();
  const decide = async (decision: "approve" | "reject") => {
    setIsTried(true);
    if (comment.trim() === "") return;
    const done = await write.send<LoanDetail>(loanApi.decision(loan.id), {
      decision,
      comment: comment.trim(),
      version: loan.version,
    });
    if (done !== null)
      onChanged(t(decision === "approve" ? "loans.decide.approved" : "loans.decide.rejected"));
  };
  const refusal = write.elsewhere([]);
  return (
    <Paper withBorder p="md" component="section" aria-label={t("loans.decide.title")}>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t("loans.decide.title")}
        </Title>
        <Textarea
          label={t("loans.decide.comment")}
          description={t("loans.decide.commentHint")}
          value={comment}
          autosize
          minRows={2}
          onChange={(event) => setComment(event.currentTarget.value)}
          {...problem(isTried && comment.trim() === "" ? t("loans.apply.problems.must_be_given") : undefined)}
        />
        {refusal !== null && (
          <Alert color="red" role="alert">
            {refusal}
          </Alert>
        )}
        <Row gap="xs">
          <Button onClick={() => void decide("approve")} loading={write.isSending} color="teal">
            {t("loans.decide.approve")}
          </Button>
          <Button onClick={() => void decide("reject")} loading={write.isSending} color="red" variant="light">
            {t("loans.decide.reject")}
          </Button>
        </Row>
      </Stack>
    </Paper>
  );
}

function ChannelSelect({
  label,
  value,
  onChange,
}: {
  readonly label: string;
  readonly value: "cash" | "bank";
  readonly onChange: (value: "cash" | "bank") => void;
}) {
  const { t } = useTranslation();
  return (
    <NativeSelect
      label={label}
      data={(["cash", "bank"] as const).map((channel) => ({
        value: channel,
        label: t(`loans.channels.${channel}`),
      }))}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value === "bank" ? "bank" : "cash")}
    />
  );
}

function Disburse({ loan, onChanged }: ActionProps) {
  const { t } = useTranslation();
  const [valueDate, setValueDate] = useState(todayPlainDate());
  const [channel, setChannel] = useState<"cash" | "bank">("cash");
  const write = useWrite();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const done = await write.send<LoanDetail>(loanApi.disbursements(loan.id), { valueDate, channel });
    if (done !== null) onChanged(t("loans.disburse.done"));
  };
  const refusal = write.elsewhere(["valueDate"]);
  return (
    <Paper withBorder p="md" component="form" onSubmit={(event) => void submit(event)}>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t("loans.disburse.title")}
        </Title>
        <Row gap="sm" align="flex-start">
          <TextInput
            type="date"
            label={t("loans.disburse.valueDate")}
            value={valueDate}
            onChange={(event) => setValueDate(event.currentTarget.value)}
            {...problem(write.atField("valueDate"))}
          />
          <ChannelSelect label={t("loans.disburse.channel")} value={channel} onChange={setChannel} />
        </Row>
        {refusal !== null && (
          <Alert color="red" role="alert">
            {refusal}
          </Alert>
        )}
        <Button type="submit" loading={write.isSending} w="fit-content">
          {t("loans.disburse.submit")}
        </Button>
      </Stack>
    </Paper>
  );
}

function Repay({ loan, onChanged }: ActionProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const money = useMoney();
  const request = useApiRequest();
  const errorMessage = useErrorMessage();
  const [valueDate, setValueDate] = useState(todayPlainDate());
  const [amountText, setAmountText] = useState("");
  const [channel, setChannel] = useState<"cash" | "bank">("cash");
  const [kind, setKind] = useState<"repayment" | "prepayment">("repayment");
  const [strategy, setStrategy] = useState<"reduce_installment" | "reduce_term">("reduce_installment");
  const [isTried, setIsTried] = useState(false);
  const [payoffOn, setPayoffOn] = useState(todayPlainDate());
  const [quote, setQuote] = useState<PayoffQuote | null>(null);
  const [quoteError, setQuoteError] = useState<string | null>(null);
  const write = useWrite();
  const amountMinor = readTenge(amountText, locale);
  const amountProblem =
    amountText.trim() === ""
      ? t("loans.apply.problems.must_be_given")
      : amountMinor === null || amountMinor === "0"
        ? t("loans.apply.problems.amount_must_be_a_number")
        : undefined;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setIsTried(true);
    if (amountMinor === null || amountProblem !== undefined) return;
    const done = await write.send<LoanDetail>(loanApi.repayments(loan.id), {
      valueDate,
      amountMinor,
      channel,
      kind,
      ...(kind === "prepayment" ? { strategy } : {}),
    });
    if (done !== null) {
      setAmountText("");
      setIsTried(false);
      setQuote(null);
      onChanged(t("loans.repay.done"));
    }
  };
  const askQuote = async () => {
    setQuoteError(null);
    try {
      setQuote(await request<PayoffQuote>(loanApi.payoff(loan.id, payoffOn)));
    } catch (caught) {
      setQuote(null);
      setQuoteError(errorMessage(caught));
    }
  };
  const refusal = write.elsewhere(["valueDate", "amountMinor"]);
  return (
    <Paper withBorder p="md">
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Stack gap="sm" component="form" onSubmit={(event) => void submit(event)}>
          <Title order={2} size="h4">
            {t("loans.repay.title")}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput
              type="date"
              label={t("loans.repay.valueDate")}
              value={valueDate}
              onChange={(event) => setValueDate(event.currentTarget.value)}
              {...problem(write.atField("valueDate"))}
            />
            <TextInput
              label={t("loans.repay.amount")}
              inputMode="decimal"
              value={amountText}
              onChange={(event) => setAmountText(event.currentTarget.value)}
              {...problem((isTried ? amountProblem : undefined) ?? write.atField("amountMinor"))}
            />
            <ChannelSelect label={t("loans.repay.channel")} value={channel} onChange={setChannel} />
            <NativeSelect
              label={t("loans.repay.kind")}
              data={(["repayment", "prepayment"] as const).map((value) => ({
                value,
                label: t(`loans.repay.kinds.${value}`),
              }))}
              value={kind}
              onChange={(event) =>
                setKind(event.currentTarget.value === "prepayment" ? "prepayment" : "repayment")
              }
            />
            {kind === "prepayment" && (
              <NativeSelect
                label={t("loans.repay.strategy")}
                data={(["reduce_installment", "reduce_term"] as const).map((value) => ({
                  value,
                  label: t(`loans.repay.strategies.${value}`),
                }))}
                value={strategy}
                onChange={(event) =>
                  setStrategy(
                    event.currentTarget.value === "reduce_term" ? "reduce_term" : "reduce_installment",
                  )
                }
              />
            )}
          </SimpleGrid>
          {refusal !== null && (
            <Alert color="red" role="alert">
              {refusal}
            </Alert>
          )}
          <Button type="submit" loading={write.isSending} w="fit-content">
            {t("loans.repay.submit")}
          </Button>
        </Stack>
        <Stack gap="sm" component="section" aria-label={t("loans.repay.payoffTitle")}>
          <Title order={3} size="h5">
            {t("loans.repay.payoffTitle")}
          </Title>
          <Row gap="sm" align="flex-end">
            <TextInput
              type="date"
              label={t("loans.repay.payoffOn")}
              value={payoffOn}
              onChange={(event) => setPayoffOn(event.currentTarget.value)}
            />
            <Button variant="light" onClick={() => void askQuote()}>
              {t("loans.repay.payoffAsk")}
            </Button>
          </Row>
          {quoteError !== null && (
            <Alert color="red" role="alert">
              {quoteError}
            </Alert>
          )}
          {quote !== null && (
            <Stack gap={4}>
              <Row justify="space-between">
                <Text size="sm">{t("loans.repay.payoffDue")}</Text>
                <Text size="sm" style={moneyCell}>
                  {money(quote.dueMinor)}
                </Text>
              </Row>
              <Row justify="space-between">
                <Text size="sm">{t("loans.repay.payoffInterest")}</Text>
                <Text size="sm" style={moneyCell}>
                  {money(quote.currentInterestMinor)}
                </Text>
              </Row>
              <Row justify="space-between">
                <Text size="sm">{t("loans.repay.payoffPrincipal")}</Text>
                <Text size="sm" style={moneyCell}>
                  {money(quote.futurePrincipalMinor)}
                </Text>
              </Row>
              <Row justify="space-between">
                <Text fw={700}>{t("loans.repay.payoffTotal")}</Text>
                <Text fw={700} style={moneyCell} data-testid="payoff-total">
                  {money(quote.totalMinor)}
                </Text>
              </Row>
              <Button
                variant="subtle"
                w="fit-content"
                onClick={() => {
                  setAmountText(tengeText(quote.totalMinor, locale));
                  setValueDate(quote.on);
                  setKind("prepayment");
                }}
              >
                {t("loans.repay.payoffUse")}
              </Button>
            </Stack>
          )}
        </Stack>
      </SimpleGrid>
    </Paper>
  );
}

/** New terms from a date: the principal not yet due re-amortized over a new number of installments. */
function Reschedule({ loan, onChanged }: ActionProps) {
  const { t } = useTranslation();
  const [valueDate, setValueDate] = useState(todayPlainDate());
  const [installmentsText, setInstallmentsText] = useState("");
  const [firstRepaymentOn, setFirstRepaymentOn] = useState("");
  const [reason, setReason] = useState("");
  const [isTried, setIsTried] = useState(false);
  const write = useWrite();
  const installments = readWhole(installmentsText);
  const given = (text: string) =>
    isTried && text.trim() === "" ? t("loans.apply.problems.must_be_given") : undefined;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setIsTried(true);
    if (installments === null || installments === 0 || reason.trim() === "") return;
    const done = await write.send<LoanDetail>(loanApi.reschedule(loan.id), {
      valueDate,
      installments,
      firstRepaymentOn: firstRepaymentOn === "" ? null : firstRepaymentOn,
      reason: reason.trim(),
    });
    if (done !== null) onChanged(t("loans.reschedule.done"));
  };
  const refusal = write.elsewhere(["valueDate", "installments", "firstRepaymentOn", "reason"]);
  return (
    <Paper
      withBorder
      p="md"
      component="form"
      aria-label={t("loans.reschedule.title")}
      onSubmit={(event) => void submit(event)}
    >
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t("loans.reschedule.title")}
        </Title>
        <Text size="sm" c="dimmed">
          {t("loans.reschedule.hint")}
        </Text>
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
            inputMode="numeric"
            value={installmentsText}
            onChange={(event) => setInstallmentsText(event.currentTarget.value)}
            {...problem(
              given(installmentsText) ??
                (isTried && (installments === null || installments === 0)
                  ? t("loans.apply.problems.number_must_be_whole")
                  : undefined) ??
                write.atField("installments"),
            )}
          />
          <TextInput
            type="date"
            label={t("loans.reschedule.firstRepaymentOn")}
            description={t("loans.apply.firstRepaymentHint")}
            value={firstRepaymentOn}
            onChange={(event) => setFirstRepaymentOn(event.currentTarget.value)}
            {...problem(write.atField("firstRepaymentOn"))}
          />
        </SimpleGrid>
        <Textarea
          label={t("loans.reschedule.reason")}
          autosize
          minRows={2}
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
          {...problem(given(reason) ?? write.atField("reason"))}
        />
        {refusal !== null && (
          <Alert color="red" role="alert">
            {refusal}
          </Alert>
        )}
        <Button type="submit" loading={write.isSending} w="fit-content">
          {t("loans.reschedule.submit")}
        </Button>
      </Stack>
    </Paper>
  );
}

/** Asking to write the loan off: a second person approves it in the approvals inbox. */
function WriteOff({ loan, onChanged }: ActionProps) {
  const { t } = useTranslation();
  const money = useMoney();
  const [valueDate, setValueDate] = useState(todayPlainDate());
  const [reason, setReason] = useState("");
  const [isTried, setIsTried] = useState(false);
  const write = useWrite();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setIsTried(true);
    if (reason.trim() === "") return;
    const done = await write.send<unknown>(loanApi.writeOff(loan.id), { valueDate, reason: reason.trim() });
    if (done !== null) onChanged(t("loans.writeOff.sent"));
  };
  const refusal = write.elsewhere(["valueDate", "reason"]);
  return (
    <Paper
      withBorder
      p="md"
      component="form"
      aria-label={t("loans.writeOff.title")}
      onSubmit={(event) => void submit(event)}
    >
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t("loans.writeOff.title")}
        </Title>
        <Text size="sm" c="dimmed">
          {t("loans.writeOff.hint", {
            principal: money(loan.principalOutstandingMinor),
            days: loan.daysPastDue,
          })}
        </Text>
        <TextInput
          type="date"
          label={t("loans.writeOff.valueDate")}
          value={valueDate}
          onChange={(event) => setValueDate(event.currentTarget.value)}
          {...problem(write.atField("valueDate"))}
        />
        <Textarea
          label={t("loans.writeOff.reason")}
          autosize
          minRows={2}
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
          {...problem(
            (isTried && reason.trim() === "" ? t("loans.apply.problems.must_be_given") : undefined) ??
              write.atField("reason"),
          )}
        />
        {refusal !== null && (
          <Alert color="red" role="alert">
            {refusal}
          </Alert>
        )}
        <Button type="submit" color="red" variant="light" loading={write.isSending} w="fit-content">
          {t("loans.writeOff.submit")}
        </Button>
      </Stack>
    </Paper>
  );
}

/** Money received on a written-off loan. */
function Recover({ loan, onChanged }: ActionProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [valueDate, setValueDate] = useState(todayPlainDate());
  const [amountText, setAmountText] = useState("");
  const [channel, setChannel] = useState<"cash" | "bank">("cash");
  const [isTried, setIsTried] = useState(false);
  const write = useWrite();
  const amountMinor = readTenge(amountText, locale);
  const amountProblem =
    amountText.trim() === ""
      ? t("loans.apply.problems.must_be_given")
      : amountMinor === null || amountMinor === "0"
        ? t("loans.apply.problems.amount_must_be_a_number")
        : undefined;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setIsTried(true);
    if (amountMinor === null || amountProblem !== undefined) return;
    const done = await write.send<LoanDetail>(loanApi.recoveries(loan.id), {
      valueDate,
      amountMinor,
      channel,
    });
    if (done !== null) {
      setAmountText("");
      setIsTried(false);
      onChanged(t("loans.recover.done"));
    }
  };
  const refusal = write.elsewhere(["valueDate", "amountMinor"]);
  return (
    <Paper
      withBorder
      p="md"
      component="form"
      aria-label={t("loans.recover.title")}
      onSubmit={(event) => void submit(event)}
    >
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t("loans.recover.title")}
        </Title>
        <Row gap="sm" align="flex-start">
          <TextInput
            type="date"
            label={t("loans.recover.valueDate")}
            value={valueDate}
            onChange={(event) => setValueDate(event.currentTarget.value)}
            {...problem(write.atField("valueDate"))}
          />
          <TextInput
            label={t("loans.repay.amount")}
            inputMode="decimal"
            value={amountText}
            onChange={(event) => setAmountText(event.currentTarget.value)}
            {...problem((isTried ? amountProblem : undefined) ?? write.atField("amountMinor"))}
          />
          <ChannelSelect label={t("loans.repay.channel")} value={channel} onChange={setChannel} />
        </Row>
        {refusal !== null && (
          <Alert color="red" role="alert">
            {refusal}
          </Alert>
        )}
        <Button type="submit" loading={write.isSending} w="fit-content">
          {t("loans.recover.submit")}
        </Button>
      </Stack>
    </Paper>
  );
}

function Schedule({ loan }: { readonly loan: LoanDetail }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const money = useMoney();
  const sum = (pick: (row: LoanDetail["schedule"][number]) => string) =>
    loan.schedule.reduce((total, row) => total + BigInt(pick(row)), 0n);
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="sm">
        {t("loans.schedule.title")}
      </Title>
      <Table.ScrollContainer minWidth={820}>
        <Table striped aria-label={t("loans.schedule.title")}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("calculator.table.number")}</Table.Th>
              <Table.Th>{t("calculator.table.dueDate")}</Table.Th>
              <Table.Th style={moneyCell}>{t("calculator.table.principal")}</Table.Th>
              <Table.Th style={moneyCell}>{t("calculator.table.interest")}</Table.Th>
              <Table.Th style={moneyCell}>{t("calculator.table.fee")}</Table.Th>
              <Table.Th style={moneyCell}>{t("loans.schedule.penalty")}</Table.Th>
              <Table.Th style={moneyCell}>{t("calculator.table.total")}</Table.Th>
              <Table.Th style={moneyCell}>{t("loans.schedule.paid")}</Table.Th>
              <Table.Th style={moneyCell}>{t("loans.schedule.outstanding")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {loan.schedule.map((row) => (
              <Table.Tr
                key={row.number}
                style={
                  row.outstandingMinor !== "0" && row.dueOn < loan.asOf
                    ? { color: "var(--mantine-color-red-text)" }
                    : undefined
                }
              >
                <Table.Td>{row.number}</Table.Td>
                <Table.Td>{formatPlainDate(row.dueOn, locale)}</Table.Td>
                <Table.Td style={moneyCell}>{money(row.principalMinor)}</Table.Td>
                <Table.Td style={moneyCell}>{money(row.interestMinor)}</Table.Td>
                <Table.Td style={moneyCell}>{money(row.feeMinor)}</Table.Td>
                <Table.Td style={moneyCell}>{money(row.penaltyMinor)}</Table.Td>
                <Table.Td style={moneyCell}>{money(row.totalDueMinor)}</Table.Td>
                <Table.Td style={moneyCell}>{money(row.paidMinor)}</Table.Td>
                <Table.Td style={moneyCell}>{money(row.outstandingMinor)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr>
              <Table.Th colSpan={2}>{t("loans.schedule.totals")}</Table.Th>
              <Table.Th style={moneyCell}>{money(sum((r) => r.principalMinor))}</Table.Th>
              <Table.Th style={moneyCell}>{money(sum((r) => r.interestMinor))}</Table.Th>
              <Table.Th style={moneyCell}>{money(sum((r) => r.feeMinor))}</Table.Th>
              <Table.Th style={moneyCell}>{money(sum((r) => r.penaltyMinor))}</Table.Th>
              <Table.Th style={moneyCell}>{money(sum((r) => r.totalDueMinor))}</Table.Th>
              <Table.Th style={moneyCell}>{money(sum((r) => r.paidMinor))}</Table.Th>
              <Table.Th style={moneyCell}>{money(sum((r) => r.outstandingMinor))}</Table.Th>
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

const reversibleKinds: ReadonlySet<LoanEvent["kind"]> = new Set(["repayment", "prepayment", "recovery"]);

function Events({
  loan,
  mayReverse,
  onChanged,
}: {
  readonly loan: LoanDetail;
  readonly mayReverse: boolean;
  readonly onChanged: (notice: string) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const money = useMoney();
  const [reversing, setReversing] = useState<string | null>(null);
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="sm">
        {t("loans.events.title")}
      </Title>
      {loan.events.length === 0 ? (
        <Text c="dimmed">{t("loans.events.none")}</Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table aria-label={t("loans.events.title")}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("loans.events.date")}</Table.Th>
                <Table.Th>{t("loans.events.kind")}</Table.Th>
                <Table.Th style={moneyCell}>{t("loans.events.amount")}</Table.Th>
                <Table.Th>{t("loans.events.channel")}</Table.Th>
                <Table.Th>{t("common.actions")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {loan.events.map((event) => {
                const channel = event.details["channel"];
                const mayAsk = mayReverse && reversibleKinds.has(event.kind) && !event.reversed;
                return (
                  <Table.Tr key={event.id}>
                    <Table.Td>{formatPlainDate(event.valueDate, locale)}</Table.Td>
                    <Table.Td>
                      {t(`loans.events.kinds.${event.kind}`)}
                      {event.reversed && (
                        <Text span c="dimmed" size="sm">
                          {` · ${t("loans.events.reversed")}`}
                        </Text>
                      )}
                      {event.reason !== null && (
                        <Text size="xs" c="dimmed">
                          {event.reason}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td style={moneyCell}>
                      {event.amountMinor === null ? "—" : money(event.amountMinor)}
                    </Table.Td>
                    <Table.Td>
                      {channel === "cash" || channel === "bank" ? t(`loans.channels.${channel}`) : "—"}
                    </Table.Td>
                    <Table.Td>
                      {mayAsk && reversing !== event.id && (
                        <Button size="compact-sm" variant="subtle" onClick={() => setReversing(event.id)}>
                          {t("loans.events.requestReversal")}
                        </Button>
                      )}
                      {reversing === event.id && (
                        <ReversalRequest
                          loan={loan}
                          eventId={event.id}
                          onCancel={() => setReversing(null)}
                          onSent={() => {
                            setReversing(null);
                            onChanged(t("loans.events.reversalSent"));
                          }}
                        />
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}

function ReversalRequest({
  loan,
  eventId,
  onCancel,
  onSent,
}: {
  readonly loan: LoanDetail;
  readonly eventId: string;
  readonly onCancel: () => void;
  readonly onSent: () => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState("");
  const [isTried, setIsTried] = useState(false);
  const write = useWrite();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setIsTried(true);
    if (reason.trim() === "") return;
    const done = await write.send<unknown>(loanApi.reversal(loan.id, eventId), { reason: reason.trim() });
    if (done !== null) onSent();
  };
  const refusal = write.elsewhere([]);
  return (
    <Stack gap="xs" component="form" onSubmit={(event) => void submit(event)}>
      <TextInput
        label={t("loans.events.reversalReason")}
        value={reason}
        // The field appears because the person asked for it: she types at once.
        data-autofocus
        autoFocus
        onChange={(event) => setReason(event.currentTarget.value)}
        {...problem(isTried && reason.trim() === "" ? t("loans.apply.problems.must_be_given") : undefined)}
      />
      {refusal !== null && (
        <Alert color="red" role="alert">
          {refusal}
        </Alert>
      )}
      <Row gap="xs">
        <Button type="submit" size="compact-sm" loading={write.isSending}>
          {t("loans.events.reversalSend")}
        </Button>
        <Button size="compact-sm" variant="subtle" onClick={onCancel}>
          {t("common.cancel")}
        </Button>
      </Row>
    </Stack>
  );
}
