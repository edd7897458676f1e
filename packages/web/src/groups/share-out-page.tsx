import "@mantine/core/styles/Table.css";
import "@mantine/core/styles/SimpleGrid.css";
import "@mantine/core/styles/Stepper.css";
import "@mantine/core/styles/SegmentedControl.css";
import {
  Alert,
  Anchor,
  Button,
  Paper,
  Group as Row,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Stepper,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import type { GroupCycles, ShareOutRequest, ShareOutResult } from "@moldir/contract";
import { parseMoney, type ShareOutLoanSettlement, uuidV7 } from "@moldir/domain";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "wouter";
import { useApiRequest, useApiResource, useErrorMessage } from "../api/use-api";
import { formatPlainDate } from "../format";
import { useLocale } from "../i18n/use-locale";
import { PageHeader } from "../layout/page-header";
import { ResourceView } from "../layout/resource-view";
import { todayPlainDate } from "../ledger/ledger-api";
import { hasPermission, useSignedInSession } from "../session/session-context";
import { GroupTrail, groupCurrency, memberName, moneyCell, useMoney } from "./group-parts";
import { type Group, groupApi, groupPaths, useGroup } from "./groups-api";

/**
 * The share-out wizard of a savings group (VSLA): first the date, the cash counted and what happens to each
 * loan still out (deducted from the borrower's payout or written off); then what each member re-invests as
 * shares of the next cycle; then the payouts to confirm. Every step asks the server for the same preview the
 * share-out will post, and the confirmation sends one command with an id made when the wizard opened, so a
 * second click or a resend pays nobody twice.
 */
export default function ShareOutPage() {
  const { t } = useTranslation();
  const { groupId = "" } = useParams<{ groupId: string }>();
  const group = useGroup(groupId);
  return (
    <ResourceView resource={group.resource} onRetry={group.reload}>
      {(loaded) => (
        <Stack gap={0}>
          <GroupTrail groupId={loaded.id} groupName={loaded.name} />
          <PageHeader title={t("groups.shareOut.title")} description={t("groups.shareOut.description")} />
          {loaded.methodology === "vsla" ? (
            <Cycles group={loaded} />
          ) : (
            <Alert color="blue">{t("groups.shareOut.onlyVsla")}</Alert>
          )}
        </Stack>
      )}
    </ResourceView>
  );
}

function Cycles({ group }: { readonly group: Group }) {
  const session = useSignedInSession();
  const mayRecord = hasPermission(session, "meetings.record", { anyScope: true });
  const cycles = useApiResource<GroupCycles>(groupApi.cycles(group.id));
  return (
    <ResourceView resource={cycles.resource} onRetry={cycles.reload}>
      {(loaded) => (
        <Stack gap="xl">
          {mayRecord ? <ShareOutWizard group={group} cycles={loaded} onDone={cycles.reload} /> : null}
          <ClosedCycles cycles={loaded} />
        </Stack>
      )}
    </ResourceView>
  );
}

function newShareOutId(): string {
  return uuidV7(Date.now(), crypto.getRandomValues(new Uint8Array(10)));
}

/** Whole shares typed by the bookkeeper; an empty field is none. */
function sharesOf(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === "") return 0;
  return /^\d{1,5}$/.test(trimmed) ? Number(trimmed) : null;
}

interface WizardProps {
  readonly group: Group;
  readonly cycles: GroupCycles;
  readonly onDone: () => void;
}

function ShareOutWizard({ group, cycles, onDone }: WizardProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const money = useMoney();
  const request = useApiRequest();
  const errorMessage = useErrorMessage();
  const [id] = useState(newShareOutId);
  const [step, setStep] = useState(0);
  const [heldOn, setHeldOn] = useState(todayPlainDate);
  const [cashText, setCashText] = useState("");
  const [settlements, setSettlements] = useState<Record<string, ShareOutLoanSettlement>>({});
  const [reinvest, setReinvest] = useState<Record<string, string>>({});
  const [preview, setPreview] = useState<ShareOutResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const [done, setDone] = useState<ShareOutResult | null>(null);
  const names = new Map(group.members.map((m) => [m.id, memberName(m.person)]));

  const command = (): ShareOutRequest | string => {
    const cash = parseMoney(cashText, groupCurrency, locale);
    if (cashText.trim() === "" || !cash.ok) return t("groups.shareOut.cashNeeded");
    const reinvestments: ShareOutRequest["reinvestments"] = [];
    for (const [memberId, text] of Object.entries(reinvest)) {
      const shares = sharesOf(text);
      if (shares === null) return t("groups.shareOut.sharesWhole", { name: names.get(memberId) ?? "" });
      if (shares > 0) reinvestments.push({ memberId, shares });
    }
    return {
      id,
      heldOn,
      cycleNumber: cycles.current.number,
      cashCountedMinor: cash.value.toString(),
      loans: cycles.outstandingLoans.map((loan) => ({
        loanId: loan.loanId,
        settlement: settlements[loan.loanId] ?? "deduct_from_payout",
      })),
      reinvestments,
    };
  };

  const send = async (path: string): Promise<ShareOutResult | null> => {
    const body = command();
    if (typeof body === "string") {
      setError(body);
      return null;
    }
    setIsBusy(true);
    setError(null);
    try {
      return await request<ShareOutResult>(path, { method: "POST", body });
    } catch (failure) {
      setError(errorMessage(failure));
      return null;
    } finally {
      setIsBusy(false);
    }
  };

  const next = async (event: FormEvent) => {
    event.preventDefault();
    if (step < 2) {
      const previewed = await send(groupApi.shareOutPreview(group.id));
      if (previewed !== null) {
        setPreview(previewed);
        setStep(step + 1);
      }
      return;
    }
    const result = await send(groupApi.shareOuts(group.id));
    if (result !== null) {
      setDone(result);
      onDone();
    }
  };

  if (done !== null) {
    return (
      <Alert color="green" title={t("groups.shareOut.done", { cycle: done.cycleNumber })}>
        <Stack gap="xs">
          <Text size="sm">
            {t("groups.shareOut.doneText", {
              paid: money(done.distributableMinor),
              next: done.cycleNumber + 1,
            })}
          </Text>
          <Row gap="md">
            <Anchor href={groupApi.shareOutSheet(done.id, locale)} target="_blank">
              {t("groups.shareOut.sheet")}
            </Anchor>
            <Anchor component={Link} href={groupPaths.group(group.id)}>
              {t("groups.shareOut.backToGroup")}
            </Anchor>
          </Row>
        </Stack>
      </Alert>
    );
  }

  return (
    <Stack gap="md" component="form" onSubmit={(event: FormEvent) => void next(event)}>
      <Stepper active={step} onStepClick={(target) => target < step && setStep(target)} size="sm">
        <Stepper.Step label={t("groups.shareOut.stepCycle")} />
        <Stepper.Step label={t("groups.shareOut.stepMembers")} />
        <Stepper.Step label={t("groups.shareOut.stepConfirm")} />
      </Stepper>
      {step === 0 ? (
        <CycleStep
          cycles={cycles}
          names={names}
          heldOn={heldOn}
          onHeldOn={setHeldOn}
          cashText={cashText}
          onCashText={setCashText}
          settlements={settlements}
          onSettlement={(loanId, settlement) => setSettlements((s) => ({ ...s, [loanId]: settlement }))}
        />
      ) : null}
      {step === 1 && preview !== null ? (
        <MembersStep
          preview={preview}
          names={names}
          reinvest={reinvest}
          onReinvest={(memberId, text) => setReinvest((r) => ({ ...r, [memberId]: text }))}
        />
      ) : null}
      {step === 2 && preview !== null ? <Payouts shareOut={preview} names={names} /> : null}
      {error !== null ? (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      ) : null}
      <Row gap="sm">
        {step > 0 ? (
          <Button variant="default" onClick={() => setStep(step - 1)} disabled={isBusy}>
            {t("groups.shareOut.back")}
          </Button>
        ) : null}
        <Button type="submit" loading={isBusy} color={step === 2 ? "green" : undefined}>
          {step === 2 ? t("groups.shareOut.confirm") : t("groups.shareOut.next")}
        </Button>
      </Row>
    </Stack>
  );
}

interface CycleStepProps {
  readonly cycles: GroupCycles;
  readonly names: ReadonlyMap<string, string>;
  readonly heldOn: string;
  readonly onHeldOn: (value: string) => void;
  readonly cashText: string;
  readonly onCashText: (value: string) => void;
  readonly settlements: Readonly<Record<string, ShareOutLoanSettlement>>;
  readonly onSettlement: (loanId: string, settlement: ShareOutLoanSettlement) => void;
}

function CycleStep(props: CycleStepProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const money = useMoney();
  const { cycles } = props;
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        {(
          [
            [
              t("groups.shareOut.cycle", { number: cycles.current.number }),
              t("groups.shareOut.since", { date: formatPlainDate(cycles.current.startedOn, locale) }),
            ],
            [t("groups.shareOut.cashInBooks"), money(cycles.cashMinor)],
            [t("groups.shareOut.socialFund"), money(cycles.socialFundMinor)],
          ] as const
        ).map(([label, value]) => (
          <Paper key={label} withBorder p="sm">
            <Text size="xs" c="dimmed">
              {label}
            </Text>
            <Text fw={600}>{value}</Text>
          </Paper>
        ))}
      </SimpleGrid>
      <Row gap="md" align="flex-end">
        <TextInput
          type="date"
          label={t("groups.shareOut.heldOn")}
          value={props.heldOn}
          onChange={(event) => props.onHeldOn(event.currentTarget.value)}
          required
        />
        <TextInput
          label={t("groups.shareOut.cashCounted")}
          description={t("groups.shareOut.cashCountedHelp")}
          inputMode="decimal"
          value={props.cashText}
          onChange={(event) => props.onCashText(event.currentTarget.value)}
          data-autofocus
          required
        />
      </Row>
      {cycles.outstandingLoans.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("groups.shareOut.noLoans")}
        </Text>
      ) : (
        <Stack gap="xs">
          <Title order={3} size="h5">
            {t("groups.shareOut.loansTitle")}
          </Title>
          <Table aria-label={t("groups.shareOut.loansTitle")}>
            <Table.Tbody>
              {cycles.outstandingLoans.map((loan) => (
                <Table.Tr key={loan.loanId}>
                  <Table.Td>{props.names.get(loan.memberId) ?? "—"}</Table.Td>
                  <Table.Td style={moneyCell}>{money(loan.outstandingMinor)}</Table.Td>
                  <Table.Td>
                    <SegmentedControl
                      size="xs"
                      aria-label={t("groups.shareOut.settlementOf", {
                        name: props.names.get(loan.memberId) ?? "",
                      })}
                      value={props.settlements[loan.loanId] ?? "deduct_from_payout"}
                      onChange={(value) => props.onSettlement(loan.loanId, value as ShareOutLoanSettlement)}
                      data={[
                        { value: "deduct_from_payout", label: t("groups.shareOut.deduct") },
                        { value: "write_off", label: t("groups.shareOut.writeOff") },
                      ]}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      )}
    </Stack>
  );
}

interface MembersStepProps {
  readonly preview: ShareOutResult;
  readonly names: ReadonlyMap<string, string>;
  readonly reinvest: Readonly<Record<string, string>>;
  readonly onReinvest: (memberId: string, text: string) => void;
}

function MembersStep({ preview, names, reinvest, onReinvest }: MembersStepProps) {
  const { t } = useTranslation();
  const money = useMoney();
  const price = BigInt(preview.nextSharePriceMinor);
  return (
    <Stack gap="xs">
      <Text size="sm">
        {t("groups.shareOut.reinvestHelp", {
          value: money(preview.valuePerShareMinor),
          price: money(preview.nextSharePriceMinor),
        })}
      </Text>
      <Table striped aria-label={t("groups.shareOut.stepMembers")}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("groups.member")}</Table.Th>
            <Table.Th style={moneyCell}>{t("groups.shares")}</Table.Th>
            <Table.Th style={moneyCell}>{t("groups.shareOut.payout")}</Table.Th>
            <Table.Th style={moneyCell}>{t("groups.shareOut.deducted")}</Table.Th>
            <Table.Th>{t("groups.shareOut.reinvestShares")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {preview.payouts.map((payout) => {
            const available = BigInt(payout.payoutMinor) - BigInt(payout.loansDeductedMinor);
            const name = names.get(payout.memberId) ?? "—";
            return (
              <Table.Tr key={payout.memberId}>
                <Table.Td>{name}</Table.Td>
                <Table.Td style={moneyCell}>{payout.shares}</Table.Td>
                <Table.Td style={moneyCell}>{money(payout.payoutMinor)}</Table.Td>
                <Table.Td style={moneyCell}>{money(payout.loansDeductedMinor)}</Table.Td>
                <Table.Td>
                  <TextInput
                    size="xs"
                    w={90}
                    inputMode="numeric"
                    aria-label={t("groups.shareOut.reinvestOf", { name })}
                    placeholder="0"
                    description={t("groups.shareOut.atMost", {
                      shares: price > 0n ? String(available / price) : "0",
                    })}
                    value={reinvest[payout.memberId] ?? ""}
                    onChange={(event) => onReinvest(payout.memberId, event.currentTarget.value)}
                  />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

/** Each member's payout: what she earned, what settled her loan, what she re-invested and the cash in hand. */
function Payouts({
  shareOut,
  names,
}: {
  readonly shareOut: ShareOutResult;
  readonly names: ReadonlyMap<string, string>;
}) {
  const { t } = useTranslation();
  const money = useMoney();
  const total = (key: "payoutMinor" | "loansDeductedMinor" | "reinvestedMinor" | "cashPaidMinor") =>
    shareOut.payouts.reduce((s, p) => s + BigInt(p[key]), 0n);
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 4 }} spacing="sm">
        {(
          [
            [t("groups.shareOut.distributable"), money(shareOut.distributableMinor)],
            [t("groups.shareOut.totalShares"), String(shareOut.totalShares)],
            [t("groups.shareOut.valuePerShare"), money(shareOut.valuePerShareMinor)],
            [t("groups.shareOut.writtenOff"), money(shareOut.writtenOffMinor)],
          ] as const
        ).map(([label, value]) => (
          <Paper key={label} withBorder p="sm">
            <Text size="xs" c="dimmed">
              {label}
            </Text>
            <Text fw={600}>{value}</Text>
          </Paper>
        ))}
      </SimpleGrid>
      <Table striped aria-label={t("groups.shareOut.payouts")}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("groups.member")}</Table.Th>
            <Table.Th style={moneyCell}>{t("groups.shares")}</Table.Th>
            <Table.Th style={moneyCell}>{t("groups.shareOut.payout")}</Table.Th>
            <Table.Th style={moneyCell}>{t("groups.shareOut.deducted")}</Table.Th>
            <Table.Th style={moneyCell}>{t("groups.shareOut.reinvested")}</Table.Th>
            <Table.Th style={moneyCell}>{t("groups.shareOut.cashPaid")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {shareOut.payouts.map((p) => (
            <Table.Tr key={p.memberId}>
              <Table.Td>{names.get(p.memberId) ?? "—"}</Table.Td>
              <Table.Td style={moneyCell}>{p.shares}</Table.Td>
              <Table.Td style={moneyCell}>{money(p.payoutMinor)}</Table.Td>
              <Table.Td style={moneyCell}>{money(p.loansDeductedMinor)}</Table.Td>
              <Table.Td style={moneyCell}>
                {p.reinvestedShares > 0 ? `${money(p.reinvestedMinor)} (${p.reinvestedShares})` : "—"}
              </Table.Td>
              <Table.Td style={moneyCell}>{money(p.cashPaidMinor)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr fw={600}>
            <Table.Td>{t("groups.shareOut.total")}</Table.Td>
            <Table.Td style={moneyCell}>{shareOut.totalShares}</Table.Td>
            <Table.Td style={moneyCell}>{money(total("payoutMinor"))}</Table.Td>
            <Table.Td style={moneyCell}>{money(total("loansDeductedMinor"))}</Table.Td>
            <Table.Td style={moneyCell}>{money(total("reinvestedMinor"))}</Table.Td>
            <Table.Td style={moneyCell}>{money(total("cashPaidMinor"))}</Table.Td>
          </Table.Tr>
        </Table.Tfoot>
      </Table>
      <Text size="sm" c="dimmed">
        {t("groups.shareOut.cashAfter", { cash: money(shareOut.cashAfterMinor) })}
      </Text>
    </Stack>
  );
}

function ClosedCycles({ cycles }: { readonly cycles: GroupCycles }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const money = useMoney();
  if (cycles.closed.length === 0) return null;
  return (
    <Stack gap="xs">
      <Title order={2} size="h4">
        {t("groups.shareOut.closedCycles")}
      </Title>
      <Table aria-label={t("groups.shareOut.closedCycles")}>
        <Table.Tbody>
          {cycles.closed.map((cycle) => (
            <Table.Tr key={cycle.number}>
              <Table.Td>{t("groups.shareOut.cycle", { number: cycle.number })}</Table.Td>
              <Table.Td>
                {formatPlainDate(cycle.startedOn, locale)} – {formatPlainDate(cycle.endedOn ?? "", locale)}
              </Table.Td>
              <Table.Td style={moneyCell}>
                {cycle.shareOut === null ? "—" : money(cycle.shareOut.distributableMinor)}
              </Table.Td>
              <Table.Td>
                {cycle.shareOut === null ? null : (
                  <Anchor href={groupApi.shareOutSheet(cycle.shareOut.id, locale)} target="_blank">
                    {t("groups.shareOut.sheet")}
                  </Anchor>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
