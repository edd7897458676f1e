import "@mantine/core/styles/Table.css";
import {
  Alert,
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
import { type FormEvent, type KeyboardEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../api/client";
import { useApiRequest, useApiResource, useErrorMessage } from "../api/use-api";
import { useLocale } from "../i18n/use-locale";
import { PageHeader } from "../layout/page-header";
import { problem } from "../layout/problem";
import { ResourceView } from "../layout/resource-view";
import { todayPlainDate } from "../ledger/ledger-api";
import { LoansTrail, moneyCell, useMoney } from "./loan-parts";
import { type CollectionSheetRow, loanApi, readTenge, tengeText } from "./loans-api";

/**
 * A group meeting's collection sheet: every member's running loan with what she owes that day, the amounts
 * typed one under the other (Enter goes to the next line) and recorded at once — all or nothing; a refused
 * line is shown at its amount.
 */
export default function CollectionSheetPage() {
  const { t } = useTranslation();
  const groups = useApiResource<{ items: { id: string; name: string }[] }>(loanApi.groups);
  const [groupId, setGroupId] = useState("");
  const [on, setOn] = useState(todayPlainDate());
  const items = groups.resource.status === "loaded" ? groups.resource.data.items : [];
  const isDate = /^\d{4}-\d{2}-\d{2}$/.test(on);
  return (
    <Stack gap={0}>
      <LoansTrail />
      <PageHeader title={t("loans.sheet.title")} description={t("loans.sheet.description")} />
      <Stack gap="md">
        <Row gap="sm" align="flex-end">
          <NativeSelect
            label={t("loans.sheet.group")}
            data={[
              { value: "", label: "—" },
              ...items.map((group) => ({ value: group.id, label: group.name })),
            ]}
            value={groupId}
            onChange={(event) => setGroupId(event.currentTarget.value)}
          />
          <TextInput
            type="date"
            label={t("loans.sheet.on")}
            value={on}
            onChange={(event) => setOn(event.currentTarget.value)}
          />
        </Row>
        {groupId === "" || !isDate ? (
          <Text c="dimmed">{t("loans.sheet.choose")}</Text>
        ) : (
          <Sheet key={`${groupId}/${on}`} groupId={groupId} on={on} />
        )}
      </Stack>
    </Stack>
  );
}

interface Refusal {
  readonly message: string;
  /** The loan whose line was refused, when the server named one. */
  readonly loanId: string | null;
}

function Sheet({ groupId, on }: { readonly groupId: string; readonly on: string }) {
  const sheet = useApiResource<{ on: string; items: CollectionSheetRow[] }>(
    loanApi.collectionSheetOf(groupId, on),
  );
  const [recorded, setRecorded] = useState<string | null>(null);
  return (
    <Stack gap="sm">
      {recorded !== null && (
        <Alert color="teal" role="status">
          {recorded}
        </Alert>
      )}
      <ResourceView resource={sheet.resource} onRetry={sheet.reload}>
        {(data) => (
          <SheetForm
            key={data.items.map((row) => `${row.loanId}:${row.dueMinor}`).join()}
            rows={data.items}
            on={on}
            onRecorded={(message) => {
              setRecorded(message);
              sheet.reload();
            }}
          />
        )}
      </ResourceView>
    </Stack>
  );
}

function SheetForm({
  rows,
  on,
  onRecorded,
}: {
  readonly rows: readonly CollectionSheetRow[];
  readonly on: string;
  readonly onRecorded: (message: string) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const money = useMoney();
  const request = useApiRequest();
  const errorMessage = useErrorMessage();
  // What each borrower is due is offered; the officer corrects the lines that differ.
  const [amounts, setAmounts] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      rows.map((row) => [row.loanId, row.dueMinor === "0" ? "" : tengeText(row.dueMinor, locale)]),
    ),
  );
  const [channel, setChannel] = useState<"cash" | "bank">("cash");
  const [isSending, setIsSending] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  if (rows.length === 0) return <Text c="dimmed">{t("loans.sheet.empty")}</Text>;

  const read = rows.map((row) => {
    const text = amounts[row.loanId] ?? "";
    const minor = readTenge(text, locale);
    return { row, text, minor, isBad: text.trim() !== "" && minor === null };
  });
  const payments = read.filter((line) => line.minor !== null && line.minor !== "0");
  const total = payments.reduce((sum, line) => sum + BigInt(line.minor ?? "0"), 0n);
  const hasBadLine = read.some((line) => line.isBad);

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (hasBadLine || payments.length === 0) return;
    setIsSending(true);
    setRefusal(null);
    const items = payments.map((line) => ({ loanId: line.row.loanId, amountMinor: line.minor ?? "0" }));
    try {
      await request(loanApi.collectionSheet, { method: "POST", body: { valueDate: on, channel, items } });
      onRecorded(t("loans.sheet.recorded", { n: items.length, total: money(total) }));
    } catch (caught) {
      const line = caught instanceof ApiError ? /^items\.(\d+)$/.exec(caught.field ?? "") : null;
      setRefusal({
        message: errorMessage(caught),
        loanId: line ? (items[Number(line[1])]?.loanId ?? null) : null,
      });
    } finally {
      setIsSending(false);
    }
  };
  // Enter goes to the next line's amount; on the last line it records the sheet.
  const onKeyDown = (index: number) => (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== "Enter") return;
    event.preventDefault();
    const next = document.getElementById(amountId(index + 1));
    if (next instanceof HTMLInputElement) next.focus();
    else void submit();
  };
  const refusedRow = rows.find((row) => row.loanId === refusal?.loanId);
  return (
    <Paper withBorder p="md" component="form" onSubmit={(event) => void submit(event)}>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t("loans.sheet.lines", { n: rows.length })}
        </Title>
        <Table.ScrollContainer minWidth={720}>
          <Table striped aria-label={t("loans.sheet.title")}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("loans.columns.number")}</Table.Th>
                <Table.Th>{t("loans.columns.borrower")}</Table.Th>
                <Table.Th style={moneyCell}>{t("loans.sheet.due")}</Table.Th>
                <Table.Th style={moneyCell}>{t("loans.sheet.payoff")}</Table.Th>
                <Table.Th style={moneyCell}>{t("loans.arrears.days")}</Table.Th>
                <Table.Th>{t("loans.sheet.paid")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {read.map((line, index) => {
                const error =
                  refusal?.loanId === line.row.loanId
                    ? refusal.message
                    : line.isBad
                      ? t("loans.apply.problems.amount_must_be_a_number")
                      : undefined;
                return (
                  <Table.Tr
                    key={line.row.loanId}
                    data-refused={refusal?.loanId === line.row.loanId || undefined}
                  >
                    <Table.Td>{line.row.number}</Table.Td>
                    <Table.Td>{line.row.borrowerName}</Table.Td>
                    <Table.Td style={moneyCell}>{money(line.row.dueMinor)}</Table.Td>
                    <Table.Td style={moneyCell}>{money(line.row.payoffMinor)}</Table.Td>
                    <Table.Td style={moneyCell} c={line.row.daysPastDue > 0 ? "red" : undefined}>
                      {line.row.daysPastDue}
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        id={amountId(index)}
                        size="xs"
                        inputMode="decimal"
                        aria-label={t("loans.sheet.amountOf", { name: line.row.borrowerName })}
                        value={line.text}
                        onChange={(event) => {
                          const value = event.currentTarget.value;
                          setAmounts((current) => ({ ...current, [line.row.loanId]: value }));
                        }}
                        onKeyDown={onKeyDown(index)}
                        {...problem(error)}
                      />
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr>
                <Table.Th colSpan={5}>{t("loans.sheet.total", { n: payments.length })}</Table.Th>
                <Table.Th style={moneyCell} data-testid="sheet-total">
                  {money(total)}
                </Table.Th>
              </Table.Tr>
            </Table.Tfoot>
          </Table>
        </Table.ScrollContainer>
        <NativeSelect
          w="fit-content"
          label={t("loans.repay.channel")}
          data={(["cash", "bank"] as const).map((value) => ({ value, label: t(`loans.channels.${value}`) }))}
          value={channel}
          onChange={(event) => setChannel(event.currentTarget.value === "bank" ? "bank" : "cash")}
        />
        {refusal !== null && (
          <Alert color="red" role="alert">
            {refusedRow === undefined
              ? refusal.message
              : t("loans.sheet.refused", { number: refusedRow.number, name: refusedRow.borrowerName })}
          </Alert>
        )}
        <Button
          type="submit"
          loading={isSending}
          disabled={hasBadLine || payments.length === 0}
          w="fit-content"
        >
          {t("loans.sheet.submit")}
        </Button>
      </Stack>
    </Paper>
  );
}

function amountId(index: number): string {
  return `sheet-amount-${index}`;
}
