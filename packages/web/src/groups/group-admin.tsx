import "@mantine/core/styles/SimpleGrid.css";
import "@mantine/core/styles/Table.css";
import {
  Alert,
  Button,
  Paper,
  Group as Row,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import type { OpeningBalancesRequest } from "@moldir/contract";
import { basisPointsAsPercent, formatMoney, parseMoney, uuidV7 } from "@moldir/domain";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useApiRequest, useErrorMessage } from "../api/use-api";
import { useLocale } from "../i18n/use-locale";
import { problem } from "../layout/problem";
import { todayPlainDate } from "../ledger/ledger-api";
import { type GroupFormDraft, type GroupFormField, readGroupForm } from "./group-form";
import { groupCurrency, memberName } from "./group-parts";
import { activeMembers, type Group, groupApi } from "./groups-api";

/**
 * A new version of the bylaws from a date: the fields start from the bylaws in force, and the request is read
 * by the same rules as the form that formed the group. Meetings from that date follow the new version.
 */
export function BylawsEditor({ group, onSaved }: { readonly group: Group; readonly onSaved: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const request = useApiRequest();
  const errorMessage = useErrorMessage();
  const [isOpen, setIsOpen] = useState(false);
  const [draft, setDraft] = useState<GroupFormDraft>(() => draftOf(group, locale));
  const [isTried, setIsTried] = useState(false);
  const [isSaving, setIsSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const read = readGroupForm(draft, groupCurrency, locale);
  const isVsla = group.methodology === "vsla";
  if (!isOpen)
    return (
      <Button variant="light" onClick={() => setIsOpen(true)}>
        {t("groups.bylawsEdit.open")}
      </Button>
    );

  const field = (name: GroupFormField, label: string) => {
    const code = read.problems.get(name);
    return (
      <TextInput
        label={label}
        value={String(draft[name])}
        onChange={(event) => {
          const value = event.currentTarget.value;
          setDraft((current) => ({ ...current, [name]: value }));
        }}
        {...problem(isTried && code !== undefined ? t(`groups.form.problems.${code}`) : undefined)}
      />
    );
  };
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setIsTried(true);
    if (read.body === null) return;
    setIsSaving(true);
    setError(null);
    try {
      await request<Group>(groupApi.bylaws(group.id), {
        method: "PUT",
        body: { effectiveFrom: draft.formedOn, bylaws: read.body.bylaws },
      });
      setIsOpen(false);
      onSaved();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setIsSaving(false);
    }
  };
  return (
    <Paper withBorder p="md" component="form" onSubmit={(event: FormEvent) => void save(event)}>
      <Stack gap="sm">
        <Title order={3} size="h5">
          {t("groups.bylawsEdit.title")}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="sm">
          <TextInput
            type="date"
            label={t("groups.bylawsEdit.effectiveFrom")}
            description={t("groups.bylawsEdit.effectiveFromHint")}
            value={draft.formedOn}
            onChange={(event) => {
              const formedOn = event.currentTarget.value;
              setDraft((current) => ({ ...current, formedOn }));
            }}
            required
          />
          {isVsla
            ? field("sharePriceText", t("groups.bylaws.sharePrice"))
            : field("savingsText", t("groups.bylaws.savingsPerMeeting"))}
          {isVsla && field("maxSharesText", t("groups.bylaws.maxShares"))}
          {field("socialText", t("groups.bylaws.socialFundPerMeeting"))}
          {field("ratePercentText", t("groups.bylaws.ratePercent"))}
          {field("termMonthsText", t("groups.bylaws.termMonthsMax"))}
          {field("multipleText", t("groups.bylaws.maxMultiple"))}
          {field("fineLateText", t("groups.bylaws.fineLate"))}
          {field("fineAbsentText", t("groups.bylaws.fineAbsent"))}
          {field("fineMissedText", t("groups.bylaws.fineMissedRepayment"))}
        </SimpleGrid>
        {error !== null && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Row gap="xs">
          <Button type="submit" loading={isSaving}>
            {t("groups.bylawsEdit.save")}
          </Button>
          <Button variant="subtle" onClick={() => setIsOpen(false)}>
            {t("common.cancel")}
          </Button>
        </Row>
      </Stack>
    </Paper>
  );
}

function draftOf(group: Group, locale: ReturnType<typeof useLocale>): GroupFormDraft {
  const bylaws = group.bylaws;
  const amount = (minor: string) => formatMoney(BigInt(minor), groupCurrency, locale, { symbol: false });
  return {
    name: group.name,
    methodology: group.methodology,
    frequency: "weekly",
    meetingDayText: "",
    village: "",
    meetingPlace: "",
    formedOn: todayPlainDate(),
    savingsText: amount(bylaws.savingsPerMeetingMinor),
    sharePriceText: amount(bylaws.sharePriceMinor),
    maxSharesText: String(bylaws.maxSharesPerMeeting),
    socialText: amount(bylaws.socialFundPerMeetingMinor),
    ratePercentText: basisPointsAsPercent(bylaws.loanRateBpsPerMonth),
    termMonthsText: String(bylaws.loanTermMonthsMax),
    multipleText: String(bylaws.loanMaxMultipleOfSavings),
    fineLateText: amount(bylaws.fines.late),
    fineAbsentText: amount(bylaws.fines.absent),
    fineMissedText: amount(bylaws.fines.missed_repayment),
  };
}

function newId(): string {
  return uuidV7(Date.now(), crypto.getRandomValues(new Uint8Array(10)));
}

interface OpeningLine {
  readonly savingsText: string;
  readonly loanText: string;
  readonly termText: string;
}

/**
 * Opening balances from a group's paper books, as of a cut-off date: the cash and social fund, and each
 * member's savings (or shares) and the loan she still owes. Offered only before the group's first meeting.
 */
export function OpeningBalancesForm({
  group,
  onSaved,
}: {
  readonly group: Group;
  readonly onSaved: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const request = useApiRequest();
  const errorMessage = useErrorMessage();
  // Made once, when the form opens: a resend of the same opening carries the same ids and is applied once.
  const [id] = useState(newId);
  const [loanIds] = useState(() => new Map<string, string>());
  const [isOpen, setIsOpen] = useState(false);
  const [asOf, setAsOf] = useState(todayPlainDate);
  const [cashText, setCashText] = useState("");
  const [socialText, setSocialText] = useState("");
  const [lines, setLines] = useState<Record<string, OpeningLine>>({});
  const [isSaving, setIsSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const isVsla = group.methodology === "vsla";
  const members = activeMembers(group);
  if (!isOpen)
    return (
      <Button variant="light" onClick={() => setIsOpen(true)}>
        {t("groups.opening.open")}
      </Button>
    );

  const minor = (text: string): string | null => {
    if (text.trim() === "") return "0";
    const parsed = parseMoney(text, groupCurrency, locale);
    return parsed.ok && parsed.value >= 0n ? parsed.value.toString() : null;
  };
  const loanIdOf = (memberId: string): string => {
    const known = loanIds.get(memberId) ?? newId();
    loanIds.set(memberId, known);
    return known;
  };
  const body = (): OpeningBalancesRequest | null => {
    const cashMinor = minor(cashText);
    const socialFundMinor = minor(socialText);
    if (cashMinor === null || socialFundMinor === null) return null;
    const openingMembers: OpeningBalancesRequest["members"] = [];
    const loans: OpeningBalancesRequest["loans"] = [];
    for (const member of members) {
      const line = lines[member.id] ?? { savingsText: "", loanText: "", termText: "" };
      const shares = line.savingsText.trim() === "" ? 0 : Number(line.savingsText.trim());
      const savingsMinor = isVsla ? "0" : minor(line.savingsText);
      const loanMinor = minor(line.loanText);
      if (savingsMinor === null || loanMinor === null || !Number.isInteger(shares)) return null;
      openingMembers.push({ memberId: member.id, savingsMinor, shares: isVsla ? shares : 0 });
      if (loanMinor !== "0") {
        const term = line.termText.trim() === "" ? group.bylaws.loanTermMonthsMax : Number(line.termText);
        if (!Number.isInteger(term)) return null;
        loans.push({
          loanId: loanIdOf(member.id),
          memberId: member.id,
          outstandingMinor: loanMinor,
          termMonths: term,
          disbursedOn: asOf,
        });
      }
    }
    return { id, asOf, cashMinor, socialFundMinor, members: openingMembers, loans };
  };
  const change = (memberId: string, patch: Partial<OpeningLine>) =>
    setLines((current) => ({
      ...current,
      [memberId]: { savingsText: "", loanText: "", termText: "", ...current[memberId], ...patch },
    }));
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const opening = body();
    if (opening === null) {
      setError(t("groups.opening.numbersNeeded"));
      return;
    }
    setIsSaving(true);
    setError(null);
    try {
      await request(groupApi.openingBalances(group.id), { method: "POST", body: opening });
      setIsOpen(false);
      onSaved();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setIsSaving(false);
    }
  };
  return (
    <Paper withBorder p="md" component="form" onSubmit={(event: FormEvent) => void save(event)}>
      <Stack gap="sm">
        <Title order={3} size="h5">
          {t("groups.opening.title")}
        </Title>
        <Text size="sm" c="dimmed">
          {t("groups.opening.help")}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <TextInput
            type="date"
            label={t("groups.opening.asOf")}
            value={asOf}
            onChange={(event) => setAsOf(event.currentTarget.value)}
            required
          />
          <TextInput
            label={t("groups.opening.cash")}
            inputMode="decimal"
            value={cashText}
            onChange={(event) => setCashText(event.currentTarget.value)}
          />
          <TextInput
            label={t("groups.opening.socialFund")}
            inputMode="decimal"
            value={socialText}
            onChange={(event) => setSocialText(event.currentTarget.value)}
          />
        </SimpleGrid>
        <Table aria-label={t("groups.opening.title")}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("groups.member")}</Table.Th>
              <Table.Th>{isVsla ? t("groups.shares") : t("groups.savings")}</Table.Th>
              <Table.Th>{t("groups.opening.loan")}</Table.Th>
              <Table.Th>{t("groups.opening.term")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {members.map((member) => {
              const name = memberName(member.person);
              const line = lines[member.id];
              return (
                <Table.Tr key={member.id}>
                  <Table.Td>{name}</Table.Td>
                  <Table.Td>
                    <TextInput
                      size="xs"
                      inputMode={isVsla ? "numeric" : "decimal"}
                      aria-label={`${isVsla ? t("groups.shares") : t("groups.savings")}, ${name}`}
                      value={line?.savingsText ?? ""}
                      onChange={(event) => change(member.id, { savingsText: event.currentTarget.value })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      size="xs"
                      inputMode="decimal"
                      aria-label={`${t("groups.opening.loan")}, ${name}`}
                      value={line?.loanText ?? ""}
                      onChange={(event) => change(member.id, { loanText: event.currentTarget.value })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      size="xs"
                      w={80}
                      inputMode="numeric"
                      aria-label={`${t("groups.opening.term")}, ${name}`}
                      placeholder={String(group.bylaws.loanTermMonthsMax)}
                      value={line?.termText ?? ""}
                      onChange={(event) => change(member.id, { termText: event.currentTarget.value })}
                    />
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
        {error !== null && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Row gap="xs">
          <Button type="submit" loading={isSaving}>
            {t("groups.opening.save")}
          </Button>
          <Button variant="subtle" onClick={() => setIsOpen(false)}>
            {t("common.cancel")}
          </Button>
        </Row>
      </Stack>
    </Paper>
  );
}
