import "@mantine/core/styles/Table.css";
import "@mantine/core/styles/EmptyState.css";
import {
  Anchor,
  Button,
  EmptyState,
  Group,
  Paper,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  UnstyledButton,
} from "@mantine/core";
import type { Book, ConsolidatedTrialBalanceResponse } from "@moldir/contract";
import type { CurrencyCode } from "@moldir/domain";
import { formatMoney, parseMinor } from "@moldir/domain";
import { type FormEvent, type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "wouter";
import { formatMinor } from "../format";
import { nameIn } from "../i18n/names";
import { useLocale } from "../i18n/use-locale";
import { buildTree, visibleRows } from "./account-tree";
import { moneyCell } from "./book-screen";
import type { BalanceRow as BalanceRowSchema } from "./ledger-api";
import { type ExportFormat, exportFormats, exportHref } from "./ledger-api";

const rowId = (row: BalanceRowSchema) => row.accountId;

/** A decimal string of minor units as bigint; the server sends only valid ones (checked by its schema). */
export function minorOf(text: string): bigint {
  const parsed = parseMinor(text);
  return parsed.ok ? parsed.value : 0n;
}

export type StatementColumns = "debit-credit" | "balance";

interface StatementTableProps {
  readonly rows: readonly BalanceRowSchema[];
  readonly columns: StatementColumns;
  readonly currency: CurrencyCode;
  /** The account's ledger for the statement's period. */
  readonly ledgerHref: (accountId: string) => string;
  readonly label: string;
  /** Rows after the accounts: totals. */
  readonly footer?: ReactNode;
}

/**
 * Rows of a statement as a tree: headers carry their subtotals and fold; an account's name opens its
 * ledger for the statement's period (the first step of the drill-down to the entries).
 */
export function StatementTable({ rows, columns, currency, ledgerHref, label, footer }: StatementTableProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) =>
    setCollapsed((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const money = (minor: bigint) =>
    minor === 0n ? "—" : formatMoney(minor, currency, locale, { symbol: false });
  return (
    <Table.ScrollContainer minWidth={560}>
      {/* Fixed column widths, so the sections of a balance sheet line up one under another. */}
      <Table verticalSpacing={6} highlightOnHover aria-label={label} layout="fixed">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={90}>{t("ledger.code")}</Table.Th>
            <Table.Th>{t("ledger.account")}</Table.Th>
            {columns === "debit-credit" ? (
              <>
                <Table.Th w={170} style={moneyCell}>
                  {t("ledger.debit")}
                </Table.Th>
                <Table.Th w={170} style={moneyCell}>
                  {t("ledger.credit")}
                </Table.Th>
              </>
            ) : (
              <Table.Th w={170} style={moneyCell}>
                {t("ledger.balance")}
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {visibleRows(buildTree(rows, rowId), rowId, collapsed).map(({ item, depth, hasChildren }) => {
            const name = nameIn(item.names, locale);
            const net = minorOf(item.debitMinor) - minorOf(item.creditMinor);
            const isCollapsed = collapsed.has(item.accountId);
            return (
              <Table.Tr key={item.accountId} fw={item.isHeader ? 600 : undefined}>
                <Table.Td style={{ whiteSpace: "nowrap", fontVariantNumeric: "tabular-nums" }}>
                  {item.code}
                </Table.Td>
                <Table.Td
                  style={{ paddingInlineStart: `calc(var(--mantine-spacing-xs) + ${depth * 1.25}rem)` }}
                >
                  {item.isHeader || hasChildren ? (
                    <UnstyledButton
                      onClick={() => toggle(item.accountId)}
                      aria-expanded={!isCollapsed}
                      aria-label={t(isCollapsed ? "ledger.expand" : "ledger.collapse", { name })}
                      fw={600}
                    >
                      {isCollapsed ? "▸" : "▾"} {name}
                    </UnstyledButton>
                  ) : (
                    <Anchor component={Link} href={ledgerHref(item.accountId)}>
                      {name}
                    </Anchor>
                  )}
                </Table.Td>
                {columns === "debit-credit" ? (
                  <>
                    <Table.Td style={moneyCell}>{money(net > 0n ? net : 0n)}</Table.Td>
                    <Table.Td style={moneyCell}>{money(net < 0n ? -net : 0n)}</Table.Td>
                  </>
                ) : (
                  <Table.Td style={moneyCell}>{money(minorOf(item.balanceMinor))}</Table.Td>
                )}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
        {footer !== undefined && <Table.Tfoot>{footer}</Table.Tfoot>}
      </Table>
    </Table.ScrollContainer>
  );
}

/** A total row under a statement: a label, then amounts in the money columns. */
export function TotalRow({
  label,
  amounts,
  currency,
}: {
  readonly label: string;
  readonly amounts: readonly string[];
  readonly currency: CurrencyCode;
}) {
  const locale = useLocale();
  return (
    <Table.Tr>
      <Table.Th colSpan={2}>{label}</Table.Th>
      {amounts.map((amount, index) => (
        // Amounts have no identity of their own: their column is their key.
        // biome-ignore lint/suspicious/noArrayIndexKey: fixed columns
        <Table.Th key={index} style={moneyCell}>
          {formatMinor(amount, currency, locale)}
        </Table.Th>
      ))}
    </Table.Tr>
  );
}

export interface DateField {
  readonly name: string;
  readonly label: string;
  readonly value: string;
}

/** The statement's dates: changed together and applied with one button, so each run is one request. */
export function DatesForm({
  fields,
  onApply,
}: {
  readonly fields: readonly DateField[];
  readonly onApply: (values: Record<string, string>) => void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Record<string, string>>(
    Object.fromEntries(fields.map((field) => [field.name, field.value])),
  );
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onApply(draft);
  };
  return (
    <Paper withBorder p="md" mb="md" component="form" onSubmit={onSubmit} noValidate>
      <Group align="flex-end" gap="sm" wrap="wrap">
        {fields.map((field) => (
          <TextInput
            key={field.name}
            type="date"
            label={field.label}
            required
            value={draft[field.name] ?? ""}
            onChange={(event) => {
              const value = event.currentTarget.value;
              setDraft((current) => ({ ...current, [field.name]: value }));
            }}
          />
        ))}
        <Button type="submit">{t("ledger.show")}</Button>
      </Group>
    </Paper>
  );
}

/** Downloads of a statement in each format (CSV, Excel, PDF), in the language shown now. */
export function ExportLinks({
  path,
  query,
}: {
  readonly path: string;
  readonly query: Record<string, string>;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <Group gap={4}>
      {exportFormats.map((format: ExportFormat) => (
        <Button
          key={format}
          component="a"
          href={exportHref(path, query, format, locale)}
          download
          variant="default"
          size="compact-sm"
        >
          {t(`ledger.export.${format}`)}
        </Button>
      ))}
    </Group>
  );
}

export function EmptyStatement() {
  const { t } = useTranslation();
  return (
    <EmptyState title={t("ledger.statementEmptyTitle")} description={t("ledger.statementEmptyDescription")} />
  );
}

/** Plain text for a number of minor units, for screen text outside tables. */
export function TotalText({
  label,
  amount,
  currency,
}: {
  label: string;
  amount: string;
  currency: CurrencyCode;
}) {
  const locale = useLocale();
  return (
    <Text fw={600}>
      {label}:{" "}
      <span style={{ fontVariantNumeric: "tabular-nums" }}>{formatMinor(amount, currency, locale)}</span>
    </Text>
  );
}

/** Totals under a statement, as a small table of label and amount. */
export function StatementTotals({
  rows,
  currency,
}: {
  readonly rows: readonly (readonly [string, string])[];
  readonly currency: CurrencyCode;
}) {
  const locale = useLocale();
  return (
    <Table maw={560} ml="auto" verticalSpacing={4}>
      <Table.Tbody>
        {rows.map(([label, amount]) => (
          <Table.Tr key={label}>
            <Table.Th>{label}</Table.Th>
            <Table.Td style={moneyCell} fw={600}>
              {formatMinor(amount, currency, locale)}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Whether a statement shows one book or the book with those below it, and whether to eliminate between them. */
export interface Consolidation {
  readonly consolidated: boolean;
  readonly eliminate: boolean;
}

export function consolidationOf(search: string): Consolidation {
  const params = new URLSearchParams(search);
  return { consolidated: params.get("consolidated") === "1", eliminate: params.get("eliminate") !== "0" };
}

/** The statement's API path and query, for one book or consolidated. */
export function statementSource(
  book: Book,
  statement: "trial-balance" | "balance-sheet",
  consolidation: Consolidation,
  asOf: string,
): { path: string; query: Record<string, string> } {
  const base = `/api/v1/books/${encodeURIComponent(book.id)}`;
  if (!consolidation.consolidated) return { path: `${base}/${statement}`, query: { asOf } };
  return {
    path: `${base}/consolidated-${statement}`,
    query: { asOf, ...(consolidation.eliminate ? {} : { eliminate: "false" }) },
  };
}

/** The search string of a statement's page for a date and a consolidation choice. */
export function statementSearch(asOf: string, consolidation: Consolidation): string {
  return new URLSearchParams({
    asOf,
    ...(consolidation.consolidated ? { consolidated: "1" } : {}),
    ...(consolidation.consolidated && !consolidation.eliminate ? { eliminate: "0" } : {}),
  }).toString();
}

/** Switches for a book that has books below it (the organization's, a federation node's); none for a group's. */
export function ConsolidationSwitches({
  book,
  value,
  onChange,
}: {
  readonly book: Book;
  readonly value: Consolidation;
  readonly onChange: (next: Consolidation) => void;
}) {
  const { t } = useTranslation();
  if (book.ownerKind === "group") return null;
  return (
    <Group gap="lg" mb="md">
      <Switch
        label={t("ledger.consolidation.consolidated")}
        description={t("ledger.consolidation.consolidatedHint")}
        checked={value.consolidated}
        onChange={(event) => onChange({ ...value, consolidated: event.currentTarget.checked })}
      />
      {value.consolidated && (
        <Switch
          label={t("ledger.consolidation.eliminate")}
          checked={value.eliminate}
          onChange={(event) => onChange({ ...value, eliminate: event.currentTarget.checked })}
        />
      )}
    </Group>
  );
}

/** What a consolidation took together and what it eliminated, under the statement. */
export function EliminationsTable({
  data,
  currency,
}: {
  readonly data: Pick<ConsolidatedTrialBalanceResponse, "books" | "eliminations">;
  readonly currency: CurrencyCode;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const money = (text: string) => formatMinor(text, currency, locale);
  return (
    <Stack gap="xs" mt="lg">
      <Text c="dimmed">{t("ledger.consolidation.booksCount", { count: data.books })}</Text>
      <Text component="h2" fw={600} fz="lg" m={0}>
        {t("ledger.consolidation.eliminationsTitle")}
      </Text>
      {data.eliminations.length === 0 ? (
        <Text c="dimmed">{t("ledger.consolidation.eliminationsNone")}</Text>
      ) : (
        <Table aria-label={t("ledger.consolidation.eliminationsTitle")} layout="fixed">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={90}>{t("ledger.code")}</Table.Th>
              <Table.Th>{t("ledger.account")}</Table.Th>
              <Table.Th w={170} style={moneyCell}>
                {t("ledger.debit")}
              </Table.Th>
              <Table.Th w={170} style={moneyCell}>
                {t("ledger.credit")}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.eliminations.map((row) => (
              <Table.Tr key={`${row.code}/${row.type}`}>
                <Table.Td>{row.code}</Table.Td>
                <Table.Td>{nameIn(row.names, locale)}</Table.Td>
                <Table.Td style={moneyCell}>{money(row.debitMinor)}</Table.Td>
                <Table.Td style={moneyCell}>{money(row.creditMinor)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
