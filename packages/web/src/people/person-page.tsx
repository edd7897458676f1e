import "@mantine/core/styles/Table.css";
import "@mantine/core/styles/Badge.css";
import "@mantine/core/styles/Timeline.css";
import "@mantine/core/styles/ModalBase.css";
import "@mantine/core/styles/Modal.css";
import "@mantine/core/styles/Overlay.css";
import "@mantine/core/styles/Combobox.css";
import "@mantine/core/styles/Popover.css";
import "@mantine/core/styles/Checkbox.css";
import "@mantine/core/styles/Menu.css";
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Menu,
  Modal,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Timeline,
  Title,
} from "@mantine/core";
import type { AuditEvent, Consent, Person } from "@moldir/contract";
import { consentPurposes, locales, relationships } from "@moldir/domain";
import { type FormEvent, type ReactNode, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useParams } from "wouter";
import { useApiRequest, useApiResource, useErrorMessage } from "../api/use-api";
import { formatInstant, formatPlainDate } from "../format";
import { useLocale } from "../i18n/use-locale";
import { PageHeader } from "../layout/page-header";
import { ResourceView } from "../layout/resource-view";
import { todayPlainDate } from "../ledger/ledger-api";
import { hasPermission, useSignedInSession } from "../session/session-context";
import { fullName, peoplePaths, personApi } from "./people-api";
import { PersonRoles } from "./person-roles";

/** How long a revealed IIN stays on screen before it is masked again, in milliseconds. */
export const iinShownMs = 20_000;

/** A person's record: every field, her households and consents, what was done with it, and what may be done. */
export default function PersonPage() {
  const { personId = "" } = useParams<{ personId: string }>();
  const { resource, reload } = useApiResource<Person>(personApi(personId));
  return (
    <ResourceView resource={resource} onRetry={reload}>
      {(person) => <PersonProfile person={person} onChanged={reload} />}
    </ResourceView>
  );
}

function PersonProfile({ person, onChanged }: { readonly person: Person; readonly onChanged: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const session = useSignedInSession();
  const may = (permission: "people.manage" | "people.reveal_iin" | "audit.read") =>
    hasPermission(session, permission, { anyScope: permission !== "audit.read" });
  const mayManage = may("people.manage") && !person.isErased;
  const [dialog, setDialog] = useState<"none" | "erase" | "unmerge" | "consent" | "household">("none");
  const close = () => setDialog("none");
  const done = () => {
    close();
    onChanged();
  };
  const field = (label: string, value: ReactNode) => (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <div>{value === null || value === "" ? "—" : value}</div>
    </div>
  );

  return (
    <Stack gap="lg">
      <PageHeader
        title={fullName(person)}
        description={person.nameLatin}
        actions={
          <>
            {mayManage && person.mergedIntoId === null && (
              <Button component={Link} href={peoplePaths.edit(person.id)}>
                {t("people.edit.open")}
              </Button>
            )}
            {may("people.reveal_iin") && (
              <Button component="a" href={`${personApi(person.id)}/export`} download variant="light">
                {t("people.profile.export")}
              </Button>
            )}
            {may("people.manage") && (
              <Menu position="bottom-end">
                <Menu.Target>
                  <Button variant="light">{t("people.profile.exportPdf")}</Button>
                </Menu.Target>
                <Menu.Dropdown>
                  {locales.map((language) => (
                    <Menu.Item
                      key={language}
                      component="a"
                      href={`${personApi(person.id)}/export.pdf?locale=${language}`}
                      download
                    >
                      {t(`people.profile.pdfIn.${language}`)}
                    </Menu.Item>
                  ))}
                </Menu.Dropdown>
              </Menu>
            )}
            {mayManage && person.mergedIntoId === null && (
              <Button component={Link} href={peoplePaths.merge(person.id)} variant="light">
                {t("people.merge.open")}
              </Button>
            )}
            {may("people.manage") && person.mergedIntoId !== null && (
              <Button variant="light" onClick={() => setDialog("unmerge")}>
                {t("people.merge.unmerge")}
              </Button>
            )}
            {mayManage && (
              <Button color="red" variant="subtle" onClick={() => setDialog("erase")}>
                {t("people.erase.open")}
              </Button>
            )}
          </>
        }
      />
      {person.mergedIntoId !== null && (
        <Alert color="yellow" role="status">
          {t("people.profile.mergedInto")}{" "}
          <Anchor component={Link} href={peoplePaths.person(person.mergedIntoId)}>
            {t("people.profile.openSurvivor")}
          </Anchor>
        </Alert>
      )}
      {person.isErased && (
        <Alert color="gray" role="status">
          {t("people.profile.erasedText")}
        </Alert>
      )}

      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="md">
          {field(t("people.sex"), t(`people.sexes.${person.sex}`))}
          {field(
            t("people.birthDate"),
            person.birthDate === null ? null : formatPlainDate(person.birthDate, locale),
          )}
          {field(
            t("people.iin"),
            person.iinMasked === null ? null : (
              <MaskedIin
                personId={person.id}
                masked={person.iinMasked}
                mayReveal={may("people.reveal_iin")}
              />
            ),
          )}
          {field(t("people.phones"), person.phones.join(", "))}
          {field(t("people.address"), person.address)}
          {field(t("people.region"), person.regionId)}
          {field(
            t("people.vulnerability"),
            person.vulnerabilities
              .map((flag) => t(`people.vulnerabilities.${flag}`, { defaultValue: flag }))
              .join(", "),
          )}
          {field(t("people.dependants"), person.dependants === null ? null : String(person.dependants))}
          {field(t("people.languages"), person.languages.join(", "))}
          {field(
            t("people.documents"),
            person.documents.map((document) => `${document.kind} ${document.number}`).join(", "),
          )}
        </SimpleGrid>
      </Paper>

      <section aria-labelledby="households-title">
        <Group justify="space-between" mb="xs">
          <Title order={2} size="h3" id="households-title">
            {t("people.households.title")}
          </Title>
          {mayManage && (
            <Button size="xs" variant="light" onClick={() => setDialog("household")}>
              {t("people.households.create")}
            </Button>
          )}
        </Group>
        {person.households.length === 0 ? (
          <Text c="dimmed" size="sm">
            {t("people.households.none")}
          </Text>
        ) : (
          <Stack gap={4}>
            {person.households.map((household) => (
              <Group key={household.householdId} gap="xs">
                <Anchor component={Link} href={peoplePaths.household(household.householdId)}>
                  {household.name}
                </Anchor>
                <Badge variant="light">{t(`people.relationships.${household.relationship}`)}</Badge>
              </Group>
            ))}
          </Stack>
        )}
      </section>

      <PersonRoles personId={person.id} />

      <Consents
        person={person}
        mayManage={mayManage}
        onGive={() => setDialog("consent")}
        onChanged={onChanged}
      />

      {/* Keyed by what a write changes (the version, the consents), so the timeline is read again after one. */}
      {may("audit.read") && (
        <PersonTimeline
          key={`${person.version}-${person.consents.map((consent) => consent.withdrawnOn ?? "").join()}`}
          personId={person.id}
        />
      )}

      {dialog === "erase" && <EraseModal person={person} onClose={close} onDone={done} />}
      {dialog === "unmerge" && <UnmergeModal person={person} onClose={close} onDone={done} />}
      {dialog === "consent" && <GiveConsentModal person={person} onClose={close} onDone={done} />}
      {dialog === "household" && <CreateHouseholdModal person={person} onClose={close} />}
    </Stack>
  );
}

/** The IIN masked; "show" asks the server (which audits it) and shows it for a moment. */
export function MaskedIin({
  personId,
  masked,
  mayReveal,
}: {
  readonly personId: string;
  readonly masked: string;
  readonly mayReveal: boolean;
}) {
  const { t } = useTranslation();
  const request = useApiRequest();
  const errorMessage = useErrorMessage();
  const [shown, setShown] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (shown === null) return;
    const timer = setTimeout(() => setShown(null), iinShownMs);
    return () => clearTimeout(timer);
  }, [shown]);
  const reveal = () => {
    setError(null);
    request<{ iin: string | null }>(`${personApi(personId)}/reveal-iin`, { method: "POST" }).then(
      (answer) => setShown(answer.iin),
      (caught: unknown) => setError(errorMessage(caught)),
    );
  };
  return (
    <Stack gap={2}>
      <Group gap="xs">
        <Text ff="monospace" aria-live="polite" data-testid="iin-value">
          {shown ?? masked}
        </Text>
        {mayReveal &&
          (shown === null ? (
            <Button size="compact-xs" variant="subtle" onClick={reveal}>
              {t("people.profile.showIin")}
            </Button>
          ) : (
            <Button size="compact-xs" variant="subtle" onClick={() => setShown(null)}>
              {t("people.profile.hideIin")}
            </Button>
          ))}
      </Group>
      {error !== null && (
        <Text size="xs" c="red" role="alert">
          {error}
        </Text>
      )}
    </Stack>
  );
}

function Consents({
  person,
  mayManage,
  onGive,
  onChanged,
}: {
  readonly person: Person;
  readonly mayManage: boolean;
  readonly onGive: () => void;
  readonly onChanged: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [withdrawing, setWithdrawing] = useState<Consent | null>(null);
  const date = (text: string | null) => (text === null ? "—" : formatPlainDate(text, locale));
  const yesNo = (value: boolean) => (value ? t("people.consents.yes") : t("people.consents.no"));
  return (
    <section aria-labelledby="consents-title">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h3" id="consents-title">
          {t("people.consents.title")}
        </Title>
        {mayManage && (
          <Button size="xs" variant="light" onClick={onGive}>
            {t("people.consents.give")}
          </Button>
        )}
      </Group>
      {person.consents.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t("people.consents.none")}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("people.consents.purpose")}</Table.Th>
                <Table.Th>{t("people.consents.givenOn")}</Table.Th>
                <Table.Th>{t("people.consents.validUntil")}</Table.Th>
                <Table.Th>{t("people.consents.thirdParties")}</Table.Th>
                <Table.Th>{t("people.consents.crossBorder")}</Table.Th>
                <Table.Th>{t("people.consents.status")}</Table.Th>
                {mayManage && <Table.Th>{t("common.actions")}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {person.consents.map((consent) => (
                <Table.Tr key={consent.id}>
                  <Table.Td>{t(`people.purposes.${consent.purpose}`)}</Table.Td>
                  <Table.Td>{date(consent.givenOn)}</Table.Td>
                  <Table.Td>{date(consent.validUntil)}</Table.Td>
                  <Table.Td>{yesNo(consent.allowsThirdParties)}</Table.Td>
                  <Table.Td>{yesNo(consent.allowsCrossBorder)}</Table.Td>
                  <Table.Td>
                    {consent.isActive ? (
                      <Badge color="teal" variant="light">
                        {t("people.consents.active")}
                      </Badge>
                    ) : (
                      <Badge color="gray" variant="light">
                        {consent.withdrawnOn === null
                          ? t("people.consents.expired")
                          : t("people.consents.withdrawnOn", { date: date(consent.withdrawnOn) })}
                      </Badge>
                    )}
                  </Table.Td>
                  {mayManage && (
                    <Table.Td>
                      {consent.withdrawnOn === null && (
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          color="red"
                          onClick={() => setWithdrawing(consent)}
                          aria-label={t("people.consents.withdrawOf", {
                            purpose: t(`people.purposes.${consent.purpose}`),
                          })}
                        >
                          {t("people.consents.withdraw")}
                        </Button>
                      )}
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {withdrawing !== null && (
        <WithdrawConsentModal
          consent={withdrawing}
          onClose={() => setWithdrawing(null)}
          onDone={() => {
            setWithdrawing(null);
            onChanged();
          }}
        />
      )}
    </section>
  );
}

/** Runs one write and keeps its error message. */
function useWrite() {
  const errorMessage = useErrorMessage();
  const [isRunning, setIsRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (work: () => Promise<unknown>, onDone: () => void) => {
    setIsRunning(true);
    setError(null);
    try {
      await work();
      onDone();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setIsRunning(false);
    }
  };
  return { run, isRunning, error };
}

function ErrorAlert({ error }: { readonly error: string | null }) {
  return error === null ? null : (
    <Alert color="red" role="alert">
      {error}
    </Alert>
  );
}

interface ModalProps {
  readonly onClose: () => void;
  readonly onDone: () => void;
}

function WithdrawConsentModal({ consent, onClose, onDone }: ModalProps & { readonly consent: Consent }) {
  const { t } = useTranslation();
  const request = useApiRequest();
  const { run, isRunning, error } = useWrite();
  const [withdrawnOn, setWithdrawnOn] = useState(todayPlainDate());
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(
      () =>
        request(`/api/v1/consents/${encodeURIComponent(consent.id)}/withdraw`, {
          method: "POST",
          body: { withdrawnOn },
        }),
      onDone,
    );
  };
  return (
    <Modal
      opened
      onClose={onClose}
      title={t("people.consents.withdrawTitle", { purpose: t(`people.purposes.${consent.purpose}`) })}
      closeButtonProps={{ "aria-label": t("common.close") }}
    >
      <form onSubmit={submit}>
        <Stack gap="sm">
          <Text size="sm">{t("people.consents.withdrawText")}</Text>
          <TextInput
            type="date"
            label={t("people.consents.withdrawnOnLabel")}
            value={withdrawnOn}
            onChange={(event) => setWithdrawnOn(event.currentTarget.value)}
            required
          />
          <ErrorAlert error={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" color="red" loading={isRunning}>
              {t("people.consents.withdrawConfirm")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function GiveConsentModal({ person, onClose, onDone }: ModalProps & { readonly person: Person }) {
  const { t } = useTranslation();
  const request = useApiRequest();
  const { run, isRunning, error } = useWrite();
  const [purpose, setPurpose] = useState<string | null>("membership");
  const [givenOn, setGivenOn] = useState(todayPlainDate());
  const [validUntil, setValidUntil] = useState("");
  const [allowsThirdParties, setAllowsThirdParties] = useState(false);
  const [allowsCrossBorder, setAllowsCrossBorder] = useState(false);
  const [document, setDocument] = useState("");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(
      () =>
        request(`${personApi(person.id)}/consents`, {
          method: "POST",
          body: {
            purpose,
            givenOn,
            validUntil: validUntil || null,
            allowsThirdParties,
            allowsCrossBorder,
            document: document.trim() || null,
          },
        }),
      onDone,
    );
  };
  return (
    <Modal
      opened
      onClose={onClose}
      title={t("people.consents.giveTitle")}
      closeButtonProps={{ "aria-label": t("common.close") }}
    >
      <form onSubmit={submit}>
        <Stack gap="sm">
          <Select
            label={t("people.consents.purpose")}
            data={consentPurposes.map((value) => ({ value, label: t(`people.purposes.${value}`) }))}
            value={purpose}
            onChange={setPurpose}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
          />
          <Group grow>
            <TextInput
              type="date"
              label={t("people.consents.givenOn")}
              value={givenOn}
              onChange={(event) => setGivenOn(event.currentTarget.value)}
              required
            />
            <TextInput
              type="date"
              label={t("people.consents.validUntil")}
              description={t("common.optional")}
              value={validUntil}
              onChange={(event) => setValidUntil(event.currentTarget.value)}
            />
          </Group>
          <Checkbox
            label={t("people.consents.thirdPartiesLabel")}
            checked={allowsThirdParties}
            onChange={(event) => setAllowsThirdParties(event.currentTarget.checked)}
          />
          <Checkbox
            label={t("people.consents.crossBorderLabel")}
            checked={allowsCrossBorder}
            onChange={(event) => setAllowsCrossBorder(event.currentTarget.checked)}
          />
          <TextInput
            label={t("people.consents.document")}
            description={t("people.consents.documentHint")}
            value={document}
            onChange={(event) => setDocument(event.currentTarget.value)}
          />
          <ErrorAlert error={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={isRunning}>
              {t("people.consents.giveConfirm")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Erasure cannot be undone: the reason is required and the person's surname must be typed to confirm. */
function EraseModal({ person, onClose, onDone }: ModalProps & { readonly person: Person }) {
  const { t } = useTranslation();
  const request = useApiRequest();
  const { run, isRunning, error } = useWrite();
  const [reason, setReason] = useState("");
  const [typed, setTyped] = useState("");
  const isConfirmed = typed.trim() === person.surname && reason.trim() !== "";
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!isConfirmed) return;
    void run(
      () => request(`${personApi(person.id)}/erase`, { method: "POST", body: { reason: reason.trim() } }),
      onDone,
    );
  };
  return (
    <Modal
      opened
      onClose={onClose}
      title={t("people.erase.title", { name: fullName(person) })}
      closeButtonProps={{ "aria-label": t("common.close") }}
    >
      <form onSubmit={submit}>
        <Stack gap="sm">
          <Alert color="red">{t("people.erase.warning")}</Alert>
          <Textarea
            label={t("people.erase.reason")}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            required
            autosize
            minRows={2}
            data-autofocus
          />
          <TextInput
            label={t("people.erase.typeSurname", { surname: person.surname })}
            value={typed}
            onChange={(event) => setTyped(event.currentTarget.value)}
            autoComplete="off"
          />
          <ErrorAlert error={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" color="red" loading={isRunning} disabled={!isConfirmed}>
              {t("people.erase.confirm")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function UnmergeModal({ person, onClose, onDone }: ModalProps & { readonly person: Person }) {
  const { t } = useTranslation();
  const request = useApiRequest();
  const { run, isRunning, error } = useWrite();
  return (
    <Modal
      opened
      onClose={onClose}
      title={t("people.merge.unmergeTitle", { name: fullName(person) })}
      closeButtonProps={{ "aria-label": t("common.close") }}
    >
      <Stack gap="sm">
        <Text size="sm">{t("people.merge.unmergeText")}</Text>
        <ErrorAlert error={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t("common.cancel")}
          </Button>
          <Button
            loading={isRunning}
            onClick={() =>
              void run(() => request(`${personApi(person.id)}/unmerge`, { method: "POST" }), onDone)
            }
          >
            {t("people.merge.unmerge")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function CreateHouseholdModal({
  person,
  onClose,
}: {
  readonly person: Person;
  readonly onClose: () => void;
}) {
  const { t } = useTranslation();
  const request = useApiRequest();
  const [, navigate] = useLocation();
  const { run, isRunning, error } = useWrite();
  const [name, setName] = useState(`${person.surname}`);
  const [relationship, setRelationship] = useState<string | null>("head");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    let householdId = "";
    void run(
      async () => {
        const household = await request<{ id: string }>("/api/v1/households", {
          method: "POST",
          body: { name: name.trim(), members: [{ personId: person.id, relationship }] },
        });
        householdId = household.id;
      },
      () => navigate(peoplePaths.household(householdId)),
    );
  };
  return (
    <Modal
      opened
      onClose={onClose}
      title={t("people.households.create")}
      closeButtonProps={{ "aria-label": t("common.close") }}
    >
      <form onSubmit={submit}>
        <Stack gap="sm">
          <TextInput
            label={t("people.households.name")}
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            required
            data-autofocus
          />
          <Select
            label={t("people.households.relationshipOf", { name: fullName(person) })}
            data={relationships.map((value) => ({ value, label: t(`people.relationships.${value}`) }))}
            value={relationship}
            onChange={setRelationship}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
          />
          <ErrorAlert error={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={isRunning} disabled={name.trim() === ""}>
              {t("people.households.createConfirm")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** What was done with the record, newest first, from the audit log (shown to those who may read it). */
function PersonTimeline({ personId }: { readonly personId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { resource, reload } = useApiResource<{ items: AuditEvent[] }>(
    `/api/v1/audit-events?recordId=${encodeURIComponent(personId)}`,
  );
  return (
    <section aria-labelledby="timeline-title">
      <Title order={2} size="h3" id="timeline-title" mb="xs">
        {t("people.timeline.title")}
      </Title>
      <ResourceView resource={resource} onRetry={reload}>
        {({ items }) =>
          items.length === 0 ? (
            <Text c="dimmed" size="sm">
              {t("people.timeline.none")}
            </Text>
          ) : (
            <Timeline bulletSize={12} lineWidth={2}>
              {items.map((event) => (
                <Timeline.Item
                  key={event.id}
                  title={t(`people.actions.${event.action.replace(".", "_")}`, {
                    defaultValue: event.action,
                  })}
                >
                  <Text size="xs" c="dimmed">
                    {formatInstant(event.at, locale)} · {event.actorName ?? t("audit.system")}
                  </Text>
                </Timeline.Item>
              ))}
            </Timeline>
          )
        }
      </ResourceView>
    </section>
  );
}
