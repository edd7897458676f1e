import "@mantine/core/styles/Table.css";
import "@mantine/core/styles/Tabs.css";
import "@mantine/core/styles/EmptyState.css";
import {
  Alert,
  Anchor,
  Button,
  EmptyState,
  Paper,
  Group as Row,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
} from "@mantine/core";
import { type FormEvent, useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "wouter";
import { useApiRequest, useErrorMessage } from "../api/use-api";
import { formatPlainDate } from "../format";
import { useLocale } from "../i18n/use-locale";
import { PageHeader } from "../layout/page-header";
import { PageLoader } from "../layout/page-loader";
import { hasPermission, useSignedInSession } from "../session/session-context";
import { moneyCell, StatusBadge, useMoney } from "./loan-parts";
import { type LoanSummary, loanApi, loanPaths, loanStatusTabs } from "./loans-api";

type StatusTab = "all" | (typeof loanStatusTabs)[number];

interface Page {
  readonly items: LoanSummary[];
  readonly nextCursor: string | null;
}

type ListState =
  | { readonly status: "loading" }
  | { readonly status: "failed"; readonly error: unknown }
  | { readonly status: "loaded"; readonly page: Page };

/** The loans of a status and search, a page at a time: `more()` appends the next page. */
function useLoanList(statusTab: StatusTab, q: string) {
  const request = useApiRequest();
  const [state, setState] = useState<ListState>({ status: "loading" });
  const [isLoadingMore, setIsLoadingMore] = useState(false);
  const status = statusTab === "all" ? undefined : statusTab;
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: "loading" });
    request<Page>(loanApi.list({ status, q }), { signal: controller.signal }).then(
      (page) => setState({ status: "loaded", page }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: "failed", error });
      },
    );
    return () => controller.abort();
  }, [request, status, q]);
  const more = useCallback(async () => {
    if (state.status !== "loaded" || state.page.nextCursor === null) return;
    setIsLoadingMore(true);
    try {
      const next = await request<Page>(loanApi.list({ status, q, after: state.page.nextCursor }));
      setState({
        status: "loaded",
        page: { items: [...state.page.items, ...next.items], nextCursor: next.nextCursor },
      });
    } catch (error) {
      setState({ status: "failed", error });
    } finally {
      setIsLoadingMore(false);
    }
  }, [request, state, status, q]);
  return { state, more, isLoadingMore };
}

/** The organization's loans by status, searchable by the borrower's name or the loan's number. */
export default function LoansPage() {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const mayManage = hasPermission(session, "loans.manage");
  const [tab, setTab] = useState<StatusTab>("all");
  const [typed, setTyped] = useState("");
  const [q, setQ] = useState("");
  const { state, more, isLoadingMore } = useLoanList(tab, q);
  const errorMessage = useErrorMessage();
  const search = (event: FormEvent) => {
    event.preventDefault();
    setQ(typed.trim());
  };
  return (
    <Stack gap={0}>
      <PageHeader
        title={t("loans.title")}
        description={t("loans.description")}
        actions={
          <>
            <Button component={Link} href={loanPaths.products} variant="default">
              {t("loans.productsLink")}
            </Button>
            <Button component={Link} href={loanPaths.rules} variant="default">
              {t("loans.rulesLink")}
            </Button>
            <Button component={Link} href={loanPaths.dashboard} variant="default">
              {t("loans.dashboardLink")}
            </Button>
            <Button component={Link} href={loanPaths.arrears} variant="default">
              {t("loans.arrearsLink")}
            </Button>
            {hasPermission(session, "repayments.record") && (
              <Button component={Link} href={loanPaths.collectionSheet} variant="default">
                {t("loans.sheetLink")}
              </Button>
            )}
            {hasPermission(session, "reports.read") && (
              <Button component={Link} href={loanPaths.portfolio} variant="default">
                {t("loans.portfolioLink")}
              </Button>
            )}
            {mayManage && (
              <Button component={Link} href={loanPaths.apply}>
                {t("loans.newApplication")}
              </Button>
            )}
          </>
        }
      />
      <Row component="form" onSubmit={search} gap="sm" align="flex-end" mb="sm" role="search">
        <TextInput
          style={{ flex: 1, maxWidth: 420 }}
          label={t("loans.search")}
          value={typed}
          onChange={(event) => setTyped(event.currentTarget.value)}
        />
        <Button type="submit" variant="light">
          {t("loans.searchButton")}
        </Button>
      </Row>
      <Tabs
        value={tab}
        onChange={(value) => setTab((["all", ...loanStatusTabs] as const).find((s) => s === value) ?? "all")}
        mb="md"
      >
        <Tabs.List aria-label={t("loans.statusFilter")}>
          {(["all", ...loanStatusTabs] as const).map((value) => (
            <Tabs.Tab key={value} value={value}>
              {t(`loans.statuses.${value}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      {state.status === "loading" && <PageLoader />}
      {state.status === "failed" && (
        <Alert color="red" role="alert" title={t("common.loadFailed")}>
          {errorMessage(state.error)}
        </Alert>
      )}
      {state.status === "loaded" &&
        (state.page.items.length === 0 ? (
          <Paper withBorder p="md">
            <EmptyState
              title={t("loans.empty.title")}
              description={
                tab !== "all" || q !== ""
                  ? t("loans.empty.filtered")
                  : mayManage
                    ? t("loans.empty.manage")
                    : t("loans.empty.read")
              }
            />
          </Paper>
        ) : (
          <Stack gap="sm">
            <LoansTable loans={state.page.items} />
            {state.page.nextCursor !== null && (
              <Button variant="light" onClick={() => void more()} loading={isLoadingMore} w="fit-content">
                {t("loans.showMore")}
              </Button>
            )}
          </Stack>
        ))}
    </Stack>
  );
}

function LoansTable({ loans }: { readonly loans: readonly LoanSummary[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const money = useMoney();
  return (
    <Table.ScrollContainer minWidth={980}>
      <Table striped verticalSpacing="sm" aria-label={t("loans.title")}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("loans.columns.number")}</Table.Th>
            <Table.Th>{t("loans.columns.borrower")}</Table.Th>
            <Table.Th>{t("loans.columns.product")}</Table.Th>
            <Table.Th style={moneyCell}>{t("loans.columns.principal")}</Table.Th>
            <Table.Th style={moneyCell}>{t("loans.columns.outstanding")}</Table.Th>
            <Table.Th style={moneyCell}>{t("loans.columns.overdue")}</Table.Th>
            <Table.Th>{t("loans.columns.disbursedOn")}</Table.Th>
            <Table.Th>{t("loans.columns.status")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {loans.map((loan) => (
            <Table.Tr key={loan.id}>
              <Table.Td>
                <Anchor component={Link} href={loanPaths.loan(loan.id)} fw={500}>
                  {loan.number}
                </Anchor>
              </Table.Td>
              <Table.Td>{loan.borrowerName}</Table.Td>
              <Table.Td>
                <Text size="sm">{loan.productCode}</Text>
              </Table.Td>
              <Table.Td style={moneyCell}>{money(loan.principalMinor)}</Table.Td>
              <Table.Td style={moneyCell}>{money(loan.principalOutstandingMinor)}</Table.Td>
              <Table.Td style={moneyCell}>
                {loan.overdueMinor === "0" ? "—" : money(loan.overdueMinor)}
              </Table.Td>
              <Table.Td>
                {loan.disbursedOn === null ? "—" : formatPlainDate(loan.disbursedOn, locale)}
              </Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>
                <StatusBadge status={loan.status} daysPastDue={loan.daysPastDue} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
