import "@mantine/core/styles/Table.css";
import "@mantine/core/styles/Badge.css";
import "@mantine/core/styles/EmptyState.css";
import "@mantine/core/styles/ModalBase.css";
import "@mantine/core/styles/Modal.css";
import "@mantine/core/styles/Overlay.css";
import "@mantine/core/styles/Combobox.css";
import "@mantine/core/styles/Popover.css";
import "@mantine/core/styles/Checkbox.css";
import "@mantine/core/styles/ScrollArea.css";
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  EmptyState,
  Group,
  Modal,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  UnstyledButton,
} from "@mantine/core";
import type { Account, Book } from "@moldir/contract";
import { type AccountType, accountTypes } from "@moldir/domain";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "wouter";
import { ApiError } from "../api/client";
import { useApiRequest, useErrorMessage } from "../api/use-api";
import { type LocalizedNames, nameIn } from "../i18n/names";
import { useLocale } from "../i18n/use-locale";
import { PageHeader } from "../layout/page-header";
import { problem } from "../layout/problem";
import { ResourceView } from "../layout/resource-view";
import { hasPermission, useSignedInSession } from "../session/session-context";
import { buildTree, visibleRows } from "./account-tree";
import { BookScreen } from "./book-screen";
import { useAccounts } from "./ledger-api";

type Dialog =
  | { readonly kind: "none" }
  | { readonly kind: "create"; readonly parent: Account | null }
  | { readonly kind: "edit"; readonly account: Account };

const accountId = (account: Account) => account.id;

/** The chart of accounts of a book as a tree: headers fold; a manager adds, renames, recodes, closes. */
export default function ChartPage() {
  const { bookId = "" } = useParams<{ bookId: string }>();
  return <BookScreen bookId={bookId}>{(book) => <Chart book={book} />}</BookScreen>;
}

function Chart({ book }: { readonly book: Book }) {
  const { t } = useTranslation();
  const mayManage = hasPermission(useSignedInSession(), "ledger.manage");
  const accounts = useAccounts(book.id);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [dialog, setDialog] = useState<Dialog>({ kind: "none" });
  const [notice, setNotice] = useState<string | null>(null);
  const toggle = (id: string) =>
    setCollapsed((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const saved = (message: string) => {
    setDialog({ kind: "none" });
    setNotice(message);
    accounts.reload();
  };

  return (
    <>
      <PageHeader
        title={t("ledger.chart.title")}
        description={t("ledger.chart.description")}
        actions={
          mayManage && (
            <Button onClick={() => setDialog({ kind: "create", parent: null })}>
              {t("ledger.chart.add")}
            </Button>
          )
        }
      />
      {notice !== null && (
        <Alert
          color="teal"
          role="status"
          mb="md"
          withCloseButton
          onClose={() => setNotice(null)}
          closeButtonLabel={t("common.close")}
        >
          {notice}
        </Alert>
      )}
      <ResourceView resource={accounts.resource} onRetry={accounts.reload}>
        {({ items }) =>
          items.length === 0 ? (
            <EmptyState
              title={t("ledger.chart.emptyTitle")}
              description={t("ledger.chart.emptyDescription")}
            />
          ) : (
            <Table.ScrollContainer minWidth={720}>
              <Table verticalSpacing={6} highlightOnHover aria-label={t("ledger.chart.title")}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t("ledger.code")}</Table.Th>
                    <Table.Th>{t("ledger.account")}</Table.Th>
                    <Table.Th>{t("ledger.type")}</Table.Th>
                    <Table.Th>{t("ledger.chart.status")}</Table.Th>
                    {mayManage && <Table.Th>{t("common.actions")}</Table.Th>}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {visibleRows(buildTree(items, accountId), accountId, collapsed).map(({ item, depth }) => (
                    <AccountRow
                      key={item.id}
                      account={item}
                      depth={depth}
                      isCollapsed={collapsed.has(item.id)}
                      onToggle={() => toggle(item.id)}
                      mayManage={mayManage}
                      onAddInside={() => setDialog({ kind: "create", parent: item })}
                      onEdit={() => setDialog({ kind: "edit", account: item })}
                      onChanged={saved}
                    />
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </ResourceView>
      {dialog.kind !== "none" && (
        <AccountModal
          bookId={book.id}
          accounts={accounts.resource.status === "loaded" ? accounts.resource.data.items : []}
          dialog={dialog}
          onClose={() => setDialog({ kind: "none" })}
          onSaved={(account, isNew) =>
            saved(
              t(isNew ? "ledger.chart.created" : "ledger.chart.saved", {
                code: account.code,
              }),
            )
          }
        />
      )}
    </>
  );
}

interface AccountRowProps {
  readonly account: Account;
  readonly depth: number;
  readonly isCollapsed: boolean;
  readonly onToggle: () => void;
  readonly mayManage: boolean;
  readonly onAddInside: () => void;
  readonly onEdit: () => void;
  readonly onChanged: (message: string) => void;
}

function AccountRow({
  account,
  depth,
  isCollapsed,
  onToggle,
  mayManage,
  onAddInside,
  onEdit,
  onChanged,
}: AccountRowProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const name = nameIn(account.names, locale);
  return (
    <Table.Tr>
      <Table.Td style={{ whiteSpace: "nowrap", fontVariantNumeric: "tabular-nums" }}>{account.code}</Table.Td>
      <Table.Td style={{ paddingInlineStart: `calc(var(--mantine-spacing-xs) + ${depth * 1.25}rem)` }}>
        {account.isHeader ? (
          <UnstyledButton
            onClick={onToggle}
            aria-expanded={!isCollapsed}
            aria-label={t(isCollapsed ? "ledger.expand" : "ledger.collapse", { name })}
          >
            <Text fw={600} span>
              {isCollapsed ? "▸" : "▾"} {name}
            </Text>
          </UnstyledButton>
        ) : (
          <Text span c={account.isActive ? undefined : "dimmed"}>
            {name}
          </Text>
        )}
      </Table.Td>
      <Table.Td>{t(`ledger.types.${account.type}`)}</Table.Td>
      <Table.Td>
        {account.isHeader ? (
          <Badge variant="outline" color="gray" tt="none">
            {t("ledger.chart.header")}
          </Badge>
        ) : account.isActive ? (
          <Badge variant="light" color="teal" tt="none">
            {t("ledger.chart.open")}
          </Badge>
        ) : (
          <Badge variant="light" color="gray" tt="none">
            {t("ledger.chart.closed")}
          </Badge>
        )}
      </Table.Td>
      {mayManage && (
        <Table.Td>
          <Group gap="xs" wrap="nowrap">
            <Button
              size="compact-sm"
              variant="light"
              onClick={onEdit}
              aria-label={t("ledger.chart.editNamed", { name })}
            >
              {t("ledger.chart.edit")}
            </Button>
            {account.isHeader ? (
              <Button
                size="compact-sm"
                variant="subtle"
                onClick={onAddInside}
                aria-label={t("ledger.chart.addInsideNamed", { name })}
              >
                {t("ledger.chart.addInside")}
              </Button>
            ) : (
              <ActiveToggle account={account} onChanged={onChanged} />
            )}
          </Group>
        </Table.Td>
      )}
    </Table.Tr>
  );
}

/** Closing an account stops new postings to it; its history and balance stay. Reopening undoes it. */
function ActiveToggle({
  account,
  onChanged,
}: {
  readonly account: Account;
  readonly onChanged: (message: string) => void;
}) {
  const { t } = useTranslation();
  const request = useApiRequest();
  const errorMessage = useErrorMessage();
  const [isRunning, setIsRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    setIsRunning(true);
    setError(null);
    try {
      const updated = await request<Account>(`/api/v1/accounts/${encodeURIComponent(account.id)}`, {
        method: "PATCH",
        body: { version: account.version, isActive: !account.isActive },
      });
      onChanged(
        t(updated.isActive ? "ledger.chart.reopened" : "ledger.chart.closedNotice", { code: updated.code }),
      );
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setIsRunning(false);
    }
  };
  return (
    <Stack gap={2}>
      <Button
        size="compact-sm"
        variant="subtle"
        color={account.isActive ? "red" : "teal"}
        loading={isRunning}
        onClick={() => void run()}
        aria-label={t(account.isActive ? "ledger.chart.closeNamed" : "ledger.chart.reopenNamed", {
          code: account.code,
        })}
      >
        {t(account.isActive ? "ledger.chart.close" : "ledger.chart.reopen")}
      </Button>
      {error !== null && (
        <Text size="xs" c="red" role="alert">
          {error}
        </Text>
      )}
    </Stack>
  );
}

type Field = "code" | "type" | "kk" | "ru" | "en";
const nameFields: readonly (keyof LocalizedNames)[] = ["kk", "ru", "en"];

interface AccountModalProps {
  readonly bookId: string;
  /** The chart, for the choice of a parent header. */
  readonly accounts: readonly Account[];
  readonly dialog: Exclude<Dialog, { kind: "none" }>;
  readonly onClose: () => void;
  readonly onSaved: (account: Account, isNew: boolean) => void;
}

/** Adds an account (under a header, taking its type), or renames and recodes one. */
function AccountModal({ bookId, accounts, dialog, onClose, onSaved }: AccountModalProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const request = useApiRequest();
  const errorMessage = useErrorMessage();
  const editing = dialog.kind === "edit" ? dialog.account : null;
  const [parentId, setParentId] = useState<string | null>(
    dialog.kind === "create" ? (dialog.parent?.id ?? null) : null,
  );
  const headers = accounts.filter((account) => account.isHeader);
  const parent = headers.find((account) => account.id === parentId) ?? null;
  const [code, setCode] = useState(editing?.code ?? "");
  const [type, setType] = useState<AccountType>(editing?.type ?? parent?.type ?? "asset");
  const [names, setNames] = useState<LocalizedNames>(editing?.names ?? { kk: "", ru: "", en: "" });
  const [isHeader, setIsHeader] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [isSubmitting, setIsSubmitting] = useState(false);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const missing: Partial<Record<Field, string>> = {};
    if (!/^[0-9A-Za-z.-]{1,20}$/.test(code.trim())) missing.code = t("ledger.chart.codeInvalid");
    for (const field of nameFields)
      if (names[field].trim() === "") missing[field] = t("ledger.chart.nameRequired");
    setErrors(missing);
    setFormError(null);
    if (Object.keys(missing).length > 0) return;
    const trimmed = { kk: names.kk.trim(), ru: names.ru.trim(), en: names.en.trim() };
    setIsSubmitting(true);
    try {
      if (editing === null) {
        const account = await request<Account>(`/api/v1/books/${encodeURIComponent(bookId)}/accounts`, {
          method: "POST",
          body: { parentId: parent?.id ?? null, code: code.trim(), type, names: trimmed, isHeader },
        });
        onSaved(account, true);
      } else {
        const account = await request<Account>(`/api/v1/accounts/${encodeURIComponent(editing.id)}`, {
          method: "PATCH",
          body: { version: editing.version, code: code.trim(), names: trimmed },
        });
        onSaved(account, false);
      }
    } catch (caught) {
      const field = caught instanceof ApiError ? caught.field : null;
      if (field === "code" || field === "type") setErrors({ [field]: errorMessage(caught) });
      else setFormError(errorMessage(caught));
    } finally {
      setIsSubmitting(false);
    }
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={editing === null ? t("ledger.chart.add") : t("ledger.chart.edit")}
      closeButtonProps={{ "aria-label": t("common.close") }}
    >
      <form noValidate onSubmit={(event) => void onSubmit(event)}>
        <Stack gap="sm">
          {formError !== null && (
            <Alert color="red" role="alert">
              {formError}
            </Alert>
          )}
          {editing === null && (
            <Select
              label={t("ledger.chart.parent")}
              placeholder={t("ledger.chart.topLevel")}
              data={headers.map((header) => ({
                value: header.id,
                label: `${header.code} ${nameIn(header.names, locale)}`,
              }))}
              value={parentId}
              onChange={(value) => {
                setParentId(value);
                // An account takes its parent's type; the server refuses any other.
                const chosen = headers.find((header) => header.id === value);
                if (chosen !== undefined) setType(chosen.type);
              }}
              searchable
              clearable
            />
          )}
          <TextInput
            label={t("ledger.code")}
            required
            maxLength={20}
            value={code}
            onChange={(event) => setCode(event.currentTarget.value)}
            data-autofocus
            {...problem(errors.code)}
          />
          {editing === null && (
            <Select
              label={t("ledger.type")}
              data={accountTypes.map((value) => ({ value, label: t(`ledger.types.${value}`) }))}
              value={type}
              onChange={(value) => setType(accountTypes.find((candidate) => candidate === value) ?? type)}
              allowDeselect={false}
              description={parent === null ? undefined : t("ledger.chart.typeFromParent")}
              {...problem(errors.type)}
            />
          )}
          {nameFields.map((field) => (
            <TextInput
              key={field}
              label={t(`ledger.chart.name.${field}`)}
              required
              maxLength={200}
              value={names[field]}
              onChange={(event) => {
                const value = event.currentTarget.value;
                setNames((current) => ({ ...current, [field]: value }));
              }}
              {...problem(errors[field])}
            />
          ))}
          {editing === null && (
            <Checkbox
              label={t("ledger.chart.isHeader")}
              checked={isHeader}
              onChange={(event) => setIsHeader(event.currentTarget.checked)}
            />
          )}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={isSubmitting}>
              {t("common.save")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
