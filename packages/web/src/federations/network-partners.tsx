import "@mantine/core/styles/Table.css";
import {
  Alert,
  Button,
  Group,
  Modal,
  Paper,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import type {
  NetworkDirectoryEntry,
  NetworkJoiner,
  NetworkMembership,
  NetworkNamedMember,
  NetworkPartner,
} from "@moldir/contract";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useApiRequest, useApiResource, useErrorMessage } from "../api/use-api";
import { nameIn } from "../i18n/names";
import { useLocale } from "../i18n/use-locale";
import { PageHeader } from "../layout/page-header";
import { ResourceView } from "../layout/resource-view";
import { todayPlainDate } from "../ledger/ledger-api";

const partnerKinds = ["ngo", "federation"] as const;

/** A network lists a partner: one of the organizations that joined it on Moldir, or one that is not on Moldir. */
export function AddPartnerForm({ onAdded }: { readonly onAdded: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const request = useApiRequest();
  const errorMessage = useErrorMessage();
  const joiners = useApiResource<{ items: NetworkJoiner[] }>("/api/v1/network/joiners");
  const [isOpen, setIsOpen] = useState(false);
  const [partnerOrgId, setPartnerOrgId] = useState<string | null>(null);
  const [name, setName] = useState("");
  const [kind, setKind] = useState<(typeof partnerKinds)[number]>("ngo");
  const [contactName, setContactName] = useState("");
  const [contactPhone, setContactPhone] = useState("");
  const [agreementFrom, setAgreementFrom] = useState("");
  const [agreementUntil, setAgreementUntil] = useState("");
  const [error, setError] = useState<string | null>(null);
  const joinerList = joiners.resource.status === "loaded" ? joiners.resource.data.items : [];
  const pick = (orgId: string | null) => {
    setPartnerOrgId(orgId);
    const joiner = joinerList.find((j) => j.orgId === orgId);
    if (joiner !== undefined) {
      setName(nameIn(joiner.names, locale));
      if (joiner.kind === "federation" || joiner.kind === "ngo") setKind(joiner.kind);
    }
  };
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setError(null);
    try {
      await request("/api/v1/network/partners", {
        method: "POST",
        body: {
          partnerOrgId,
          name,
          kind,
          contactName: contactName || null,
          contactPhone: contactPhone || null,
          agreementFrom: agreementFrom || null,
          agreementUntil: agreementUntil || null,
        },
      });
      setIsOpen(false);
      onAdded();
    } catch (caught) {
      setError(errorMessage(caught));
    }
  };
  if (!isOpen) return <Button onClick={() => setIsOpen(true)}>{t("federations.network.addPartner")}</Button>;
  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t("federations.network.addPartner")}
        </Title>
        <Select
          label={t("federations.network.onMoldir")}
          description={t("federations.network.onMoldirHint")}
          data={joinerList.map((j) => ({ value: j.orgId, label: nameIn(j.names, locale) }))}
          value={partnerOrgId}
          onChange={pick}
          clearable
        />
        <Group grow>
          <TextInput
            label={t("federations.network.partnerName")}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            required
          />
          <Select
            label={t("federations.network.kind")}
            data={partnerKinds.map((k) => ({ value: k, label: t(`federations.network.kinds.${k}`) }))}
            value={kind}
            onChange={(value) => setKind(value === "federation" ? "federation" : "ngo")}
            allowDeselect={false}
          />
        </Group>
        <Group grow>
          <TextInput
            label={t("federations.network.contactName")}
            value={contactName}
            onChange={(e) => setContactName(e.currentTarget.value)}
          />
          <TextInput
            label={t("federations.network.contactPhone")}
            value={contactPhone}
            onChange={(e) => setContactPhone(e.currentTarget.value)}
          />
        </Group>
        <Group grow>
          <TextInput
            type="date"
            label={t("federations.network.agreementFrom")}
            value={agreementFrom}
            onChange={(e) => setAgreementFrom(e.currentTarget.value)}
          />
          <TextInput
            type="date"
            label={t("federations.network.agreementUntil")}
            value={agreementUntil}
            onChange={(e) => setAgreementUntil(e.currentTarget.value)}
          />
        </Group>
        {error !== null && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Group>
          <Button type="submit" disabled={name.trim() === ""}>
            {t("federations.network.savePartner")}
          </Button>
          <Button variant="default" onClick={() => setIsOpen(false)}>
            {t("federations.network.cancel")}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/** The members of a partner who consented to sharing with the network, when the partner shares named data. */
export function NamedMembersButton({
  partner,
  asOf,
}: {
  readonly partner: NetworkPartner;
  readonly asOf: string;
}) {
  const { t } = useTranslation();
  const [isOpen, setIsOpen] = useState(false);
  return (
    <>
      <Button size="compact-xs" variant="subtle" onClick={() => setIsOpen(true)}>
        {t("federations.network.namedData")}
      </Button>
      <Modal
        opened={isOpen}
        onClose={() => setIsOpen(false)}
        title={`${partner.name}: ${t("federations.network.namedData")}`}
        size="lg"
      >
        {isOpen && <NamedMembers partnerId={partner.id} asOf={asOf} />}
      </Modal>
    </>
  );
}

function NamedMembers({ partnerId, asOf }: { readonly partnerId: string; readonly asOf: string }) {
  const { t } = useTranslation();
  const members = useApiResource<{ items: NetworkNamedMember[] }>(
    `/api/v1/network/partners/${encodeURIComponent(partnerId)}/members?asOf=${asOf}`,
  );
  return (
    <ResourceView resource={members.resource} onRetry={members.reload}>
      {({ items }) =>
        items.length === 0 ? (
          <Text c="dimmed">{t("federations.network.namedNone")}</Text>
        ) : (
          <Table striped aria-label={t("federations.network.namedData")}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("federations.network.person")}</Table.Th>
                <Table.Th>{t("federations.network.birthYear")}</Table.Th>
                <Table.Th>{t("federations.network.group")}</Table.Th>
                <Table.Th>{t("federations.network.region")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((m) => (
                <Table.Tr key={m.personId}>
                  <Table.Td>{[m.surname, m.givenName, m.patronymic].filter(Boolean).join(" ")}</Table.Td>
                  <Table.Td>{m.birthYear ?? "—"}</Table.Td>
                  <Table.Td>{m.groupName}</Table.Td>
                  <Table.Td>{m.regionId ?? t("federations.network.noRegion")}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )
      }
    </ResourceView>
  );
}

/**
 * A partner's side: the networks it belongs to, and what it shares with each: aggregates (counts and sums),
 * and named data of the members who consented to it. It can join a network from the directory.
 */
export default function NetworkSharingPage() {
  const { t } = useTranslation();
  const memberships = useApiResource<{ items: NetworkMembership[] }>("/api/v1/network-memberships");
  return (
    <Stack gap="lg">
      <PageHeader title={t("federations.sharing.title")} description={t("federations.sharing.description")} />
      <ResourceView resource={memberships.resource} onRetry={memberships.reload}>
        {({ items }) => (
          <Stack gap="md">
            {items.length === 0 && <Text c="dimmed">{t("federations.sharing.none")}</Text>}
            {items.map((m) => (
              <MembershipCard key={m.networkOrgId} membership={m} onChange={memberships.reload} />
            ))}
            <JoinNetworkForm onJoined={memberships.reload} joined={items.map((m) => m.networkOrgId)} />
          </Stack>
        )}
      </ResourceView>
    </Stack>
  );
}

function useMembershipSaver(onSaved: () => void) {
  const request = useApiRequest();
  const errorMessage = useErrorMessage();
  const [error, setError] = useState<string | null>(null);
  const save = async (body: Omit<NetworkMembership, "networkName">) => {
    setError(null);
    try {
      await request("/api/v1/network-memberships", { method: "PUT", body });
      onSaved();
    } catch (caught) {
      setError(errorMessage(caught));
    }
  };
  const alert =
    error === null ? null : (
      <Alert color="red" role="alert">
        {error}
      </Alert>
    );
  return { save, alert };
}

function MembershipCard({
  membership: m,
  onChange,
}: {
  readonly membership: NetworkMembership;
  readonly onChange: () => void;
}) {
  const { t } = useTranslation();
  const { save, alert } = useMembershipSaver(onChange);
  const base = {
    networkOrgId: m.networkOrgId,
    joinedOn: m.joinedOn,
    sharesAggregates: m.sharesAggregates,
    sharesNamedData: m.sharesNamedData,
  };
  return (
    <Paper withBorder p="md">
      <Stack gap="xs">
        <Text fw={600}>{m.networkName ?? m.networkOrgId}</Text>
        <Text size="sm" c="dimmed">
          {t("federations.sharing.joinedOn", { date: m.joinedOn })}
        </Text>
        <Switch
          label={t("federations.sharing.aggregates")}
          description={t("federations.sharing.aggregatesHint")}
          checked={m.sharesAggregates}
          onChange={(e) => void save({ ...base, sharesAggregates: e.currentTarget.checked })}
        />
        <Switch
          label={t("federations.sharing.namedData")}
          description={t("federations.sharing.namedDataHint")}
          checked={m.sharesNamedData}
          onChange={(e) => void save({ ...base, sharesNamedData: e.currentTarget.checked })}
        />
        {alert}
      </Stack>
    </Paper>
  );
}

function JoinNetworkForm({
  joined,
  onJoined,
}: {
  readonly joined: readonly string[];
  readonly onJoined: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const networks = useApiResource<{ items: NetworkDirectoryEntry[] }>("/api/v1/networks");
  const [networkOrgId, setNetworkOrgId] = useState<string | null>(null);
  const [joinedOn, setJoinedOn] = useState(todayPlainDate());
  const { save, alert } = useMembershipSaver(onJoined);
  const choices =
    networks.resource.status === "loaded"
      ? networks.resource.data.items.filter((n) => !joined.includes(n.orgId))
      : [];
  if (choices.length === 0) return null;
  return (
    <Paper
      withBorder
      p="md"
      component="form"
      noValidate
      onSubmit={(event: FormEvent<HTMLFormElement>) => {
        event.preventDefault();
        if (networkOrgId !== null)
          void save({ networkOrgId, joinedOn, sharesAggregates: true, sharesNamedData: false });
      }}
    >
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t("federations.sharing.join")}
        </Title>
        <Group align="flex-end">
          <Select
            label={t("federations.sharing.network")}
            data={choices.map((n) => ({ value: n.orgId, label: nameIn(n.names, locale) }))}
            value={networkOrgId}
            onChange={setNetworkOrgId}
            w={320}
          />
          <TextInput
            type="date"
            label={t("federations.sharing.joinedOnLabel")}
            value={joinedOn}
            onChange={(e) => setJoinedOn(e.currentTarget.value)}
          />
          <Button type="submit" disabled={networkOrgId === null}>
            {t("federations.sharing.joinButton")}
          </Button>
        </Group>
        {alert}
      </Stack>
    </Paper>
  );
}
