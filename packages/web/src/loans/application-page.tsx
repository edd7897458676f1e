import "@mantine/core/styles/Table.css";
import "@mantine/core/styles/SimpleGrid.css";
import {
  Alert,
  Anchor,
  Button,
  Loader,
  NativeSelect,
  Paper,
  Group as Row,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import type { PersonSummary } from "@moldir/contract";
import { type FormEvent, useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "wouter";
import { ApiError } from "../api/client";
import { useApiRequest, useApiResource, useErrorMessage } from "../api/use-api";
import { formatPercent, formatPlainDate } from "../format";
import { useLocale } from "../i18n/use-locale";
import { PageHeader } from "../layout/page-header";
import { problem } from "../layout/problem";
import { ResourceView } from "../layout/resource-view";
import { todayPlainDate } from "../ledger/ledger-api";
import { CreditHistoryPanel } from "./credit-history-panel";
import { LoansTrail, moneyCell, useMoney } from "./loan-parts";
import {
  type LoanDetail,
  type LoanPreview,
  type LoanProduct,
  loanApi,
  loanPaths,
  productName,
  readTenge,
  readWhole,
  useLoanProducts,
} from "./loans-api";

/** How long typing must pause before the preview is asked for. */
const previewDelayMs = 400;

/** A new application: borrower, product and terms, with the server's preview as the officer types. */
export default function ApplicationPage() {
  const { t } = useTranslation();
  const products = useLoanProducts();
  return (
    <Stack gap={0}>
      <LoansTrail />
      <PageHeader title={t("loans.apply.title")} description={t("loans.apply.description")} />
      <ResourceView resource={products.resource} onRetry={products.reload}>
        {({ items }) => {
          const active = items.filter((product) => product.active);
          return active.length === 0 ? (
            <Alert color="yellow" role="status">
              <Stack gap={4}>
                <span>{t("loans.apply.noProducts")}</span>
                <Anchor component={Link} href={loanPaths.newProduct}>
                  {t("loans.products.new")}
                </Anchor>
              </Stack>
            </Alert>
          ) : (
            <ApplicationForm products={active} />
          );
        }}
      </ResourceView>
    </Stack>
  );
}

interface Borrower {
  readonly kind: "person" | "group";
  readonly id: string;
  readonly name: string;
}

interface Draft {
  readonly productId: string;
  readonly amountText: string;
  readonly installmentsText: string;
  readonly disbursementOn: string;
  readonly firstRepaymentOn: string;
  readonly purpose: string;
  readonly incomeText: string;
  readonly expensesText: string;
}

type DraftField = keyof Draft | "borrower";
type DraftProblem =
  | "must_be_given"
  | "amount_must_be_a_number"
  | "number_must_be_whole"
  | "borrower_must_be_chosen";

/** The request the draft makes, or the fields to fix. */
function readDraft(
  draft: Draft,
  borrower: Borrower | null,
  locale: ReturnType<typeof useLocale>,
): { body: Record<string, unknown> | null; problems: Map<DraftField, DraftProblem> } {
  const problems = new Map<DraftField, DraftProblem>();
  if (borrower === null) problems.set("borrower", "borrower_must_be_chosen");
  const money = (field: "amountText" | "incomeText" | "expensesText", optional = false) => {
    const text = draft[field];
    if (text.trim() === "") {
      if (!optional) problems.set(field, "must_be_given");
      return "0";
    }
    const minor = readTenge(text, locale);
    if (minor === null) problems.set(field, "amount_must_be_a_number");
    return minor ?? "0";
  };
  const principalMinor = money("amountText");
  const monthlyIncomeMinor = money("incomeText");
  const monthlyExpensesMinor = money("expensesText", true);
  const installments = readWhole(draft.installmentsText);
  if (installments === null || installments < 1) {
    problems.set(
      "installmentsText",
      draft.installmentsText.trim() === "" ? "must_be_given" : "number_must_be_whole",
    );
  }
  if (draft.disbursementOn === "") problems.set("disbursementOn", "must_be_given");
  if (draft.purpose.trim() === "") problems.set("purpose", "must_be_given");
  if (problems.size > 0 || borrower === null) return { body: null, problems };
  return {
    body: {
      productId: draft.productId,
      ...(borrower.kind === "person" ? { personId: borrower.id } : { groupId: borrower.id }),
      principalMinor,
      installments,
      expectedDisbursementOn: draft.disbursementOn,
      firstRepaymentOn: draft.firstRepaymentOn === "" ? null : draft.firstRepaymentOn,
      purpose: draft.purpose.trim(),
      monthlyIncomeMinor,
      monthlyExpensesMinor,
    },
    problems,
  };
}

/** The server's field names of the application → the form's. */
const serverFields: Readonly<Record<string, DraftField>> = {
  principalMinor: "amountText",
  installments: "installmentsText",
  expectedDisbursementOn: "disbursementOn",
  firstRepaymentOn: "firstRepaymentOn",
  monthlyIncomeMinor: "incomeText",
  monthlyExpensesMinor: "expensesText",
  purpose: "purpose",
  personId: "borrower",
  groupId: "borrower",
};

type PreviewState =
  | { readonly status: "idle" }
  | { readonly status: "loading" }
  | { readonly status: "refused"; readonly message: string; readonly field: DraftField | null }
  | { readonly status: "loaded"; readonly preview: LoanPreview };

/** The preview of a complete draft, asked for once typing pauses; an older answer never wins. */
function usePreview(body: Record<string, unknown> | null): PreviewState {
  const request = useApiRequest();
  const errorMessage = useErrorMessage();
  const [state, setState] = useState<PreviewState>({ status: "idle" });
  const key = body === null ? null : JSON.stringify(body);
  useEffect(() => {
    if (key === null) {
      setState({ status: "idle" });
      return;
    }
    const controller = new AbortController();
    setState({ status: "loading" });
    const timer = setTimeout(() => {
      request<LoanPreview>(loanApi.preview, {
        method: "POST",
        body: JSON.parse(key) as unknown,
        signal: controller.signal,
      }).then(
        (preview) => setState({ status: "loaded", preview }),
        (error: unknown) => {
          if (controller.signal.aborted) return;
          const field =
            error instanceof ApiError && error.field !== null ? (serverFields[error.field] ?? null) : null;
          setState({ status: "refused", message: errorMessage(error), field });
        },
      );
    }, previewDelayMs);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [key, request, errorMessage]);
  return state;
}

function ApplicationForm({ products }: { readonly products: readonly LoanProduct[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const money = useMoney();
  const request = useApiRequest();
  const errorMessage = useErrorMessage();
  const [, navigate] = useLocation();
  const first = products[0];
  const [borrower, setBorrower] = useState<Borrower | null>(null);
  const [draft, setDraft] = useState<Draft>(() => ({
    productId: first?.id ?? "",
    amountText: "",
    installmentsText: String(first?.settings.maxInstallments ?? ""),
    disbursementOn: todayPlainDate(),
    firstRepaymentOn: "",
    purpose: "",
    incomeText: "",
    expensesText: "",
  }));
  const [isTried, setIsTried] = useState(false);
  const [isSaving, setIsSaving] = useState(false);
  const [saveRefusal, setSaveRefusal] = useState<{ message: string; field: DraftField | null } | null>(null);
  const product = products.find((candidate) => candidate.id === draft.productId) ?? first;
  const isGroupProduct = product?.clientKind === "shg";
  const read = useMemo(() => readDraft(draft, borrower, locale), [draft, borrower, locale]);
  const preview = usePreview(read.body);

  const set = (field: keyof Draft) => (value: string) =>
    setDraft((current) => ({ ...current, [field]: value }));
  const fieldProblem = (field: DraftField): string | undefined => {
    const code = read.problems.get(field);
    if (isTried && code !== undefined) return t(`loans.apply.problems.${code}`);
    if (saveRefusal?.field === field) return saveRefusal.message;
    if (preview.status === "refused" && preview.field === field) return preview.message;
    return undefined;
  };
  const text = (field: keyof Draft, label: string, extra: { money?: boolean; description?: string } = {}) => (
    <TextInput
      label={label}
      description={extra.description}
      inputMode={extra.money === true ? "decimal" : undefined}
      value={draft[field]}
      onChange={(event) => set(field)(event.currentTarget.value)}
      {...problem(fieldProblem(field))}
    />
  );

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setIsTried(true);
    if (read.body === null) return;
    setIsSaving(true);
    setSaveRefusal(null);
    try {
      const loan = await request<LoanDetail>(loanApi.loans, { method: "POST", body: read.body });
      navigate(loanPaths.loan(loan.id));
    } catch (caught) {
      const field =
        caught instanceof ApiError && caught.field !== null ? (serverFields[caught.field] ?? null) : null;
      setSaveRefusal({ message: errorMessage(caught), field });
      setIsSaving(false);
    }
  };

  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
      <Paper withBorder p="md" component="form" onSubmit={(event) => void save(event)}>
        <Stack gap="sm">
          <NativeSelect
            label={t("loans.apply.product")}
            description={
              product === undefined
                ? undefined
                : t("loans.apply.productHint", {
                    min: money(product.settings.minPrincipalMinor),
                    max: money(product.settings.maxPrincipalMinor),
                    minInstallments: product.settings.minInstallments,
                    maxInstallments: product.settings.maxInstallments,
                    rate: formatPercent(product.settings.interestRatePercent, locale),
                  })
            }
            data={products.map((candidate) => ({
              value: candidate.id,
              label: `${candidate.code} — ${productName(candidate, locale)}`,
            }))}
            value={draft.productId}
            onChange={(event) => {
              const productId = event.currentTarget.value;
              const next = products.find((candidate) => candidate.id === productId);
              if (next !== undefined && (next.clientKind === "shg") !== isGroupProduct) setBorrower(null);
              setDraft((current) => ({ ...current, productId }));
            }}
          />
          {isGroupProduct ? (
            <GroupChooser chosen={borrower} onChoose={setBorrower} error={fieldProblem("borrower")} />
          ) : (
            <PersonChooser chosen={borrower} onChoose={setBorrower} error={fieldProblem("borrower")} />
          )}
          {borrower?.kind === "person" && <CreditHistoryPanel personId={borrower.id} />}
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            {text("amountText", t("loans.apply.amount"), { money: true })}
            {text("installmentsText", t("loans.apply.installments"))}
            <TextInput
              type="date"
              label={t("loans.apply.disbursementOn")}
              value={draft.disbursementOn}
              onChange={(event) => set("disbursementOn")(event.currentTarget.value)}
              {...problem(fieldProblem("disbursementOn"))}
            />
            <TextInput
              type="date"
              label={t("loans.apply.firstRepaymentOn")}
              description={t("loans.apply.firstRepaymentHint")}
              value={draft.firstRepaymentOn}
              onChange={(event) => set("firstRepaymentOn")(event.currentTarget.value)}
              {...problem(fieldProblem("firstRepaymentOn"))}
            />
            {text("incomeText", t("loans.apply.income"), { money: true })}
            {text("expensesText", t("loans.apply.expenses"), { money: true })}
          </SimpleGrid>
          {text("purpose", t("loans.apply.purpose"))}
          {saveRefusal !== null && saveRefusal.field === null && (
            <Alert color="red" role="alert">
              {saveRefusal.message}
            </Alert>
          )}
          <Button type="submit" loading={isSaving} w="fit-content">
            {t("loans.apply.submit")}
          </Button>
        </Stack>
      </Paper>
      <PreviewPanel state={preview} money={money} />
    </SimpleGrid>
  );
}

function PreviewPanel({
  state,
  money,
}: {
  readonly state: PreviewState;
  readonly money: (amount: string) => string;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <Paper
      withBorder
      p="md"
      component="section"
      aria-label={t("loans.apply.previewTitle")}
      aria-live="polite"
    >
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t("loans.apply.previewTitle")}
        </Title>
        {state.status === "idle" && <Text c="dimmed">{t("loans.apply.previewEmpty")}</Text>}
        {state.status === "loading" && (
          <Row gap="xs">
            <Loader size="xs" />
            <Text c="dimmed">{t("loans.apply.previewLoading")}</Text>
          </Row>
        )}
        {state.status === "refused" && (
          <Alert color="red" role="alert" title={t("loans.apply.refused")}>
            {state.message}
          </Alert>
        )}
        {state.status === "loaded" && (
          <>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <div>
                <Text size="xs" c="dimmed">
                  {t("calculator.results.gesv")}
                </Text>
                <Text fw={700} fz="lg" data-testid="preview-gesv">
                  {formatPercent(state.preview.gesvPercent, locale)}
                </Text>
              </div>
              <div>
                <Text size="xs" c="dimmed">
                  {t("loans.apply.monthlyPayment")}
                </Text>
                <Text fw={700} fz="lg">
                  {money(state.preview.monthlyPaymentMinor)}
                </Text>
              </div>
              <div>
                <Text size="xs" c="dimmed">
                  {t("loans.apply.debtBurden")}
                </Text>
                <Text fw={500} data-testid="preview-debt-burden">
                  {t("loans.apply.debtBurdenOf", {
                    value: formatPercent(state.preview.debtBurdenPercent, locale),
                    max: formatPercent(String(state.preview.debtBurdenMaxPercent), locale),
                  })}
                </Text>
              </div>
              <div>
                <Text size="xs" c="dimmed">
                  {t("loans.apply.totalDue")}
                </Text>
                <Text fw={500}>{money(state.preview.totals.totalDueMinor)}</Text>
              </div>
            </SimpleGrid>
            <Table.ScrollContainer minWidth={480}>
              <Table striped aria-label={t("calculator.results.title")}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t("calculator.table.number")}</Table.Th>
                    <Table.Th>{t("calculator.table.dueDate")}</Table.Th>
                    <Table.Th style={moneyCell}>{t("calculator.table.principal")}</Table.Th>
                    <Table.Th style={moneyCell}>{t("calculator.table.interest")}</Table.Th>
                    <Table.Th style={moneyCell}>{t("calculator.table.total")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {state.preview.schedule.map((row) => (
                    <Table.Tr key={row.number}>
                      <Table.Td>{row.number}</Table.Td>
                      <Table.Td>{formatPlainDate(row.dueOn, locale)}</Table.Td>
                      <Table.Td style={moneyCell}>{money(row.principalMinor)}</Table.Td>
                      <Table.Td style={moneyCell}>{money(row.interestMinor)}</Table.Td>
                      <Table.Td style={moneyCell}>{money(row.totalDueMinor)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </>
        )}
      </Stack>
    </Paper>
  );
}

/** Finds a person by name, phone or IIN; the server checks her consent to credit when the application is sent. */
function PersonChooser({
  chosen,
  onChoose,
  error,
}: {
  readonly chosen: Borrower | null;
  readonly onChoose: (borrower: Borrower | null) => void;
  readonly error: string | undefined;
}) {
  const { t } = useTranslation();
  const request = useApiRequest();
  const errorMessage = useErrorMessage();
  const [query, setQuery] = useState("");
  const [found, setFound] = useState<PersonSummary[] | null>(null);
  const [searchError, setSearchError] = useState<string | null>(null);
  const [isSearching, setIsSearching] = useState(false);
  const search = async () => {
    if (query.trim() === "") return;
    setIsSearching(true);
    setSearchError(null);
    try {
      const answer = await request<{ items: PersonSummary[] }>(loanApi.personSearch, {
        method: "POST",
        body: { q: query.trim(), limit: 10 },
      });
      setFound(answer.items);
    } catch (caught) {
      setSearchError(errorMessage(caught));
    } finally {
      setIsSearching(false);
    }
  };
  if (chosen !== null) {
    return (
      <Stack gap={2}>
        <Text size="sm" fw={500}>
          {t("loans.apply.borrower")}
        </Text>
        <Row gap="sm">
          <Text data-testid="chosen-borrower">{chosen.name}</Text>
          <Button size="compact-sm" variant="subtle" onClick={() => onChoose(null)}>
            {t("loans.apply.change")}
          </Button>
        </Row>
      </Stack>
    );
  }
  return (
    <Stack gap="xs">
      <Row gap="sm" align="flex-end">
        <TextInput
          style={{ flex: 1 }}
          label={t("loans.apply.borrowerSearch")}
          description={t("loans.apply.borrowerHint")}
          value={query}
          onChange={(event) => setQuery(event.currentTarget.value)}
          onKeyDown={(event) => {
            // Enter searches here rather than sending the whole application.
            if (event.key === "Enter") {
              event.preventDefault();
              void search();
            }
          }}
          {...problem(error)}
        />
        <Button variant="light" onClick={() => void search()} loading={isSearching}>
          {t("loans.apply.find")}
        </Button>
      </Row>
      {searchError !== null && (
        <Alert color="red" role="alert">
          {searchError}
        </Alert>
      )}
      {found !== null && found.length === 0 && <Text c="dimmed">{t("loans.apply.nobody")}</Text>}
      {found !== null && found.length > 0 && (
        <Table aria-label={t("loans.apply.results")}>
          <Table.Tbody>
            {found.map((person) => {
              const name = [person.surname, person.givenName, person.patronymic ?? ""]
                .filter((part) => part !== "")
                .join(" ");
              return (
                <Table.Tr key={person.id}>
                  <Table.Td>{name}</Table.Td>
                  <Table.Td>{person.iinMasked ?? ""}</Table.Td>
                  <Table.Td>
                    <Button
                      size="compact-sm"
                      variant="light"
                      aria-label={`${t("loans.apply.choose")}: ${name}`}
                      onClick={() => onChoose({ kind: "person", id: person.id, name })}
                    >
                      {t("loans.apply.choose")}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

/** A self-help group borrowing as a whole, chosen from the organization's groups. */
function GroupChooser({
  chosen,
  onChoose,
  error,
}: {
  readonly chosen: Borrower | null;
  readonly onChoose: (borrower: Borrower | null) => void;
  readonly error: string | undefined;
}) {
  const { t } = useTranslation();
  const groups = useApiResource<{ items: { id: string; name: string }[] }>(loanApi.groups);
  const items = groups.resource.status === "loaded" ? groups.resource.data.items : [];
  return (
    <NativeSelect
      label={t("loans.apply.groupChoose")}
      data={[{ value: "", label: "—" }, ...items.map((group) => ({ value: group.id, label: group.name }))]}
      value={chosen?.id ?? ""}
      onChange={(event) => {
        const group = items.find((candidate) => candidate.id === event.currentTarget.value);
        onChoose(group === undefined ? null : { kind: "group", id: group.id, name: group.name });
      }}
      {...problem(error)}
    />
  );
}
