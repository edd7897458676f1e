import "@mantine/core/styles/SimpleGrid.css";
import {
  Alert,
  Badge,
  Button,
  Group,
  NativeSelect,
  Paper,
  Progress,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import type { Formation } from "@moldir/contract";
import { formationStages, isFormationItem } from "@moldir/domain";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useApiRequest, useApiResource, useErrorMessage } from "../api/use-api";
import { PageHeader } from "../layout/page-header";
import { ResourceView } from "../layout/resource-view";
import { todayPlainDate } from "../ledger/ledger-api";
import { hasPermission, useSignedInSession } from "../session/session-context";

const formationsPath = "/api/v1/formations";

/** The formation board: a column per stage, each federation being founded in the column where it stands. */
export default function FormationPage() {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const mayManage = hasPermission(session, "federations.manage");
  const board = useApiResource<{ items: Formation[] }>(formationsPath);
  const [isStarting, setIsStarting] = useState(false);
  return (
    <Stack gap="lg">
      <PageHeader
        title={t("federations.formation.title")}
        description={t("federations.formation.description")}
        actions={
          mayManage && !isStarting ? (
            <Button onClick={() => setIsStarting(true)}>{t("federations.formation.start")}</Button>
          ) : undefined
        }
      />
      {isStarting && (
        <StartFormation
          onDone={() => {
            setIsStarting(false);
            board.reload();
          }}
          onCancel={() => setIsStarting(false)}
        />
      )}
      <ResourceView resource={board.resource} onRetry={board.reload}>
        {({ items }) =>
          items.length === 0 ? (
            <Text c="dimmed">{t("federations.formation.empty")}</Text>
          ) : (
            <SimpleGrid cols={{ base: 1, sm: 3, lg: 7 }} spacing="sm">
              {[...formationStages.map((s) => s.stage), null].map((stage) => (
                <Stack key={stage ?? "formed"} gap="xs">
                  <Title order={2} size="h6">
                    {stage === null
                      ? t("federations.formation.formed")
                      : t(`federations.formation.stages.${stage}`)}
                  </Title>
                  {items
                    .filter((f) => f.currentStage === stage)
                    .map((f) => (
                      <FormationCard key={f.id} formation={f} mayManage={mayManage} onChange={board.reload} />
                    ))}
                </Stack>
              ))}
            </SimpleGrid>
          )
        }
      </ResourceView>
    </Stack>
  );
}

function FormationCard({
  formation,
  mayManage,
  onChange,
}: {
  readonly formation: Formation;
  readonly mayManage: boolean;
  readonly onChange: () => void;
}) {
  const { t } = useTranslation();
  const request = useApiRequest();
  const errorMessage = useErrorMessage();
  const done = formation.stages.reduce((s, x) => s + x.done, 0);
  const total = formation.stages.reduce((s, x) => s + x.total, 0);
  const label = (key: string) => (isFormationItem(key) ? t(`federations.formation.items.${key}`) : key);
  const open = formation.stages.flatMap((s) => s.items.filter((i) => i.doneOn === null).map((i) => i.item));
  const [item, setItem] = useState(open[0] ?? "");
  const [doneOn, setDoneOn] = useState(todayPlainDate());
  const [evidence, setEvidence] = useState("");
  const [error, setError] = useState<string | null>(null);
  const tick = async () => {
    setError(null);
    try {
      await request(`${formationsPath}/${formation.id}/checklist`, {
        method: "POST",
        body: { item, doneOn, evidence },
      });
      setEvidence("");
      onChange();
    } catch (caught) {
      setError(errorMessage(caught));
    }
  };
  return (
    <Paper withBorder p="sm">
      <Stack gap={6}>
        <Text fw={600}>{formation.name}</Text>
        {formation.partnerName !== null && (
          <Text size="xs" c="dimmed">
            {formation.partnerName}
          </Text>
        )}
        <Progress value={(100 * done) / Math.max(1, total)} aria-label={`${done} / ${total}`} />
        {formation.stages.flatMap((s) =>
          s.items
            .filter((i) => i.doneOn !== null)
            .map((i) => (
              <Group key={i.item} gap={4} wrap="nowrap">
                <Badge size="xs" variant="light" color="teal" tt="none">
                  {i.doneOn}
                </Badge>
                <Text size="xs">{label(i.item)}</Text>
              </Group>
            )),
        )}
        {mayManage && open.length > 0 && (
          <Stack gap={4}>
            <NativeSelect
              size="xs"
              aria-label={t("federations.formation.item")}
              data={open.map((value) => ({
                value,
                label: label(value),
              }))}
              value={item}
              onChange={(e) => setItem(e.currentTarget.value)}
            />
            <TextInput
              size="xs"
              type="date"
              aria-label={t("federations.formation.doneOn")}
              value={doneOn}
              onChange={(e) => setDoneOn(e.currentTarget.value)}
            />
            <TextInput
              size="xs"
              aria-label={t("federations.formation.evidence")}
              placeholder={t("federations.formation.evidence")}
              value={evidence}
              onChange={(e) => setEvidence(e.currentTarget.value)}
            />
            <Button size="xs" disabled={evidence.trim() === "" || item === ""} onClick={() => void tick()}>
              {t("federations.formation.tick")}
            </Button>
          </Stack>
        )}
        {error !== null && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}

function StartFormation({
  onDone,
  onCancel,
}: {
  readonly onDone: () => void;
  readonly onCancel: () => void;
}) {
  const { t } = useTranslation();
  const request = useApiRequest();
  const errorMessage = useErrorMessage();
  const [name, setName] = useState("");
  const [partnerName, setPartnerName] = useState("");
  const [startedOn, setStartedOn] = useState(todayPlainDate());
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    setError(null);
    try {
      await request(formationsPath, {
        method: "POST",
        body: {
          name: name.trim(),
          partnerName: partnerName.trim() === "" ? null : partnerName.trim(),
          startedOn,
        },
      });
      onDone();
    } catch (caught) {
      setError(errorMessage(caught));
    }
  };
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <TextInput
            label={t("federations.name")}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
          />
          <TextInput
            label={t("federations.formation.partnerName")}
            value={partnerName}
            onChange={(e) => setPartnerName(e.currentTarget.value)}
          />
          <TextInput
            type="date"
            label={t("federations.formation.startedOn")}
            value={startedOn}
            onChange={(e) => setStartedOn(e.currentTarget.value)}
          />
        </SimpleGrid>
        {error !== null && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Group gap="xs">
          <Button onClick={() => void save()} disabled={name.trim() === ""}>
            {t("federations.save")}
          </Button>
          <Button variant="default" onClick={onCancel}>
            {t("federations.cancel")}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
