import "@mantine/core/styles/ModalBase.css";
import "@mantine/core/styles/Modal.css";
import "@mantine/core/styles/Overlay.css";
import "@mantine/core/styles/Combobox.css";
import "@mantine/core/styles/Popover.css";
import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import type { Story } from "@moldir/contract";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useApiRequest, useApiResource, useErrorMessage } from "../api/use-api";
import { formatPlainDate } from "../format";
import { useLocale } from "../i18n/use-locale";
import { ResourceView } from "../layout/resource-view";
import { todayPlainDate } from "../ledger/ledger-api";
import { type Beneficiary, personName } from "./projects-api";

/** "Left the project": a date and the reason, for an enrolled woman. */
export function ExitBeneficiaryButton(props: {
  readonly beneficiary: Beneficiary;
  readonly onDone: () => void;
}) {
  const { t } = useTranslation();
  const request = useApiRequest();
  const errorMessage = useErrorMessage();
  const [isOpen, setIsOpen] = useState(false);
  const [exitedOn, setExitedOn] = useState(todayPlainDate());
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const name = personName(props.beneficiary.person);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim() === "") {
      setError(t("projects.form.required"));
      return;
    }
    setIsSaving(true);
    setError(null);
    try {
      await request(`/api/v1/beneficiaries/${encodeURIComponent(props.beneficiary.id)}/exit`, {
        method: "POST",
        body: { exitedOn, reason: reason.trim() },
      });
      setIsOpen(false);
      props.onDone();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setIsSaving(false);
    }
  };
  return (
    <>
      <Button
        size="compact-xs"
        variant="subtle"
        onClick={() => setIsOpen(true)}
        aria-label={t("projects.exit.openNamed", { name })}
      >
        {t("projects.exit.open")}
      </Button>
      <Modal opened={isOpen} onClose={() => setIsOpen(false)} title={t("projects.exit.title", { name })}>
        <form onSubmit={(event) => void submit(event)} noValidate>
          <Stack gap="sm">
            <TextInput
              type="date"
              label={t("projects.exit.on")}
              value={exitedOn}
              onChange={(event) => setExitedOn(event.currentTarget.value)}
            />
            <Textarea
              label={t("projects.exit.reason")}
              required
              autosize
              minRows={2}
              value={reason}
              onChange={(event) => setReason(event.currentTarget.value)}
            />
            {error !== null && (
              <Alert color="red" role="alert">
                {error}
              </Alert>
            )}
            <Group>
              <Button type="submit" loading={isSaving}>
                {t("projects.exit.save")}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}

/** Beneficiaries' stories for the donor report: a story is printed only while her consent allows sharing it. */
export function StoriesSection(props: {
  readonly projectId: string;
  readonly beneficiaries: readonly Beneficiary[];
  readonly mayManage: boolean;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const request = useApiRequest();
  const errorMessage = useErrorMessage();
  const path = `/api/v1/projects/${encodeURIComponent(props.projectId)}/stories`;
  const { resource, reload } = useApiResource<{ items: Story[] }>(path);
  const [personId, setPersonId] = useState<string | null>(null);
  const [toldOn, setToldOn] = useState(todayPlainDate());
  const [story, setStory] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (personId === null || story.trim() === "") {
      setError(t("projects.form.required"));
      return;
    }
    setIsSaving(true);
    setError(null);
    try {
      await request(path, { method: "POST", body: { personId, toldOn, story: story.trim() } });
      setStory("");
      setPersonId(null);
      reload();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setIsSaving(false);
    }
  };
  return (
    <Stack gap="sm">
      <Title order={2} size="h3">
        {t("projects.stories.title")}
      </Title>
      <ResourceView resource={resource} onRetry={reload}>
        {({ items }) =>
          items.length === 0 ? (
            <Text c="dimmed">{t("projects.stories.none")}</Text>
          ) : (
            <Stack gap="xs">
              {items.map((item) => (
                <Paper key={item.id} withBorder p="sm">
                  <Group gap="xs" mb={4}>
                    <Text fw={500}>{item.givenName}</Text>
                    <Text size="xs" c="dimmed">
                      {formatPlainDate(item.toldOn, locale)}
                    </Text>
                    {!item.isShareable && (
                      <Badge size="xs" color="gray" variant="light">
                        {t("projects.stories.notShareable")}
                      </Badge>
                    )}
                  </Group>
                  <Text size="sm">{item.story}</Text>
                </Paper>
              ))}
            </Stack>
          )
        }
      </ResourceView>
      {props.mayManage && (
        <form onSubmit={(event) => void submit(event)} noValidate>
          <Stack gap="sm" maw={640}>
            <Group align="flex-end" gap="sm">
              <Select
                label={t("projects.stories.person")}
                data={props.beneficiaries.map((b) => ({ value: b.person.id, label: personName(b.person) }))}
                value={personId}
                onChange={setPersonId}
                searchable
                w={280}
              />
              <TextInput
                type="date"
                label={t("projects.stories.toldOn")}
                value={toldOn}
                onChange={(event) => setToldOn(event.currentTarget.value)}
              />
            </Group>
            <Textarea
              label={t("projects.stories.story")}
              autosize
              minRows={3}
              maxLength={2000}
              value={story}
              onChange={(event) => setStory(event.currentTarget.value)}
            />
            {error !== null && (
              <Alert color="red" role="alert">
                {error}
              </Alert>
            )}
            <Group>
              <Button type="submit" loading={isSaving}>
                {t("projects.stories.add")}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Stack>
  );
}
