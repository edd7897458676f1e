import "@mantine/core/styles/Table.css";
import "@mantine/core/styles/Checkbox.css";
import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  NativeSelect,
  Paper,
  Group as Row,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import type { TrainingSession } from "@moldir/contract";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useApiRequest, useApiResource, useErrorMessage } from "../api/use-api";
import { formatPlainDate } from "../format";
import { useLocale } from "../i18n/use-locale";
import { PageHeader } from "../layout/page-header";
import { ResourceView } from "../layout/resource-view";
import { personName } from "./projects-api";
import { CoursesSection, SessionForm } from "./training-forms";

type SessionSummary = Omit<TrainingSession, "participants">;

const api = {
  sessions: "/api/v1/training-sessions",
  session: (id: string) => `/api/v1/training-sessions/${encodeURIComponent(id)}`,
  rollCall: (sessionId: string, day: string) =>
    `/api/v1/training-sessions/${encodeURIComponent(sessionId)}/roll-calls/${encodeURIComponent(day)}`,
  participant: (sessionId: string, personId: string) =>
    `/api/v1/training-sessions/${encodeURIComponent(sessionId)}/participants/${encodeURIComponent(personId)}`,
} as const;

/** The training calendar, newest first; a session opens to its participants' attendance and scores. */
export default function TrainingsPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const sessions = useApiResource<{ items: SessionSummary[] }>(api.sessions);
  const [openId, setOpenId] = useState<string | null>(null);
  const [editing, setEditing] = useState<SessionSummary | null>(null);
  return (
    <Stack gap="md">
      <PageHeader title={t("projects.trainings.title")} description={t("projects.trainings.description")} />
      <ResourceView resource={sessions.resource} onRetry={sessions.reload}>
        {({ items }) =>
          items.length === 0 ? (
            <Text c="dimmed">{t("projects.trainings.none")}</Text>
          ) : (
            <Table striped aria-label={t("projects.trainings.title")}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("projects.trainings.dates")}</Table.Th>
                  <Table.Th>{t("projects.trainings.course")}</Table.Th>
                  <Table.Th>{t("projects.trainings.place")}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((s) => (
                  <Table.Tr key={s.id}>
                    <Table.Td>
                      {formatPlainDate(s.startsOn, locale)} – {formatPlainDate(s.endsOn, locale)}
                    </Table.Td>
                    <Table.Td>{s.course.name}</Table.Td>
                    <Table.Td>{s.place}</Table.Td>
                    <Table.Td>
                      <Row gap="xs" wrap="nowrap">
                        <Button size="compact-sm" variant="light" onClick={() => setOpenId(s.id)}>
                          {t("projects.trainings.open")}
                        </Button>
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          onClick={() => setEditing(s)}
                          aria-label={t("projects.trainings.editNamed", {
                            name: `${s.course.name} ${formatPlainDate(s.startsOn, locale)}`,
                          })}
                        >
                          {t("projects.trainings.edit")}
                        </Button>
                      </Row>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )
        }
      </ResourceView>
      {editing !== null && (
        <Paper withBorder p="md">
          <SessionForm
            key={editing.id}
            session={editing}
            courses={[]}
            onSaved={() => {
              setEditing(null);
              sessions.reload();
            }}
          />
        </Paper>
      )}
      {openId !== null && <SessionParticipants key={openId} sessionId={openId} />}
      <CoursesSection onChanged={sessions.reload} />
    </Stack>
  );
}

function SessionParticipants({ sessionId }: { readonly sessionId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const session = useApiResource<TrainingSession>(api.session(sessionId));
  return (
    <ResourceView resource={session.resource} onRetry={session.reload}>
      {(loaded) => (
        <Paper withBorder p="md">
          <Stack gap="sm">
            <Title order={2} size="h4">
              {loaded.course.name} · {formatPlainDate(loaded.startsOn, locale)}
            </Title>
            <Table aria-label={t("projects.trainings.participants")}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("projects.trainings.participant")}</Table.Th>
                  <Table.Th>{t("projects.trainings.from")}</Table.Th>
                  <Table.Th>{t("projects.trainings.daysAttended")}</Table.Th>
                  <Table.Th>{t("projects.trainings.preScore")}</Table.Th>
                  <Table.Th>{t("projects.trainings.postScore")}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {loaded.participants.map((p) => (
                  <ParticipantRow
                    key={p.person.id}
                    session={loaded}
                    participant={p}
                    onSaved={session.reload}
                  />
                ))}
              </Table.Tbody>
            </Table>
            <RollCall session={loaded} onSaved={session.reload} />
          </Stack>
        </Paper>
      )}
    </ResourceView>
  );
}

/** The session's days, first to last. */
function daysOf(session: TrainingSession): string[] {
  const days: string[] = [];
  const day = new Date(`${session.startsOn}T00:00:00Z`);
  for (let i = 0; i < session.days; i++) {
    days.push(day.toISOString().slice(0, 10));
    day.setUTCDate(day.getUTCDate() + 1);
  }
  return days;
}

/**
 * The roll call of one day of the session: a tick for each participant present, saved for that day (entering a
 * day again replaces it). A certificate needs the course's share of days, shown above the grid.
 */
function RollCall(props: { readonly session: TrainingSession; readonly onSaved: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const request = useApiRequest();
  const errorMessage = useErrorMessage();
  const { session } = props;
  const days = daysOf(session);
  const [day, setDay] = useState(days[0] ?? session.startsOn);
  const presentOn = (d: string) =>
    new Set(session.participants.filter((p) => p.attendedDays.includes(d)).map((p) => p.person.id));
  const [present, setPresent] = useState<Set<string>>(() => presentOn(day));
  const [message, setMessage] = useState<{ text: string; isError: boolean } | null>(null);
  const choose = (d: string) => {
    setDay(d);
    setPresent(presentOn(d));
    setMessage(null);
  };
  const toggle = (personId: string, isPresent: boolean) => {
    const next = new Set(present);
    if (isPresent) next.add(personId);
    else next.delete(personId);
    setPresent(next);
  };
  const save = async () => {
    setMessage(null);
    try {
      await request(api.rollCall(session.id, day), { method: "PUT", body: { personIds: [...present] } });
      setMessage({ text: t("projects.trainings.rollCallSaved"), isError: false });
      props.onSaved();
    } catch (caught) {
      setMessage({ text: errorMessage(caught), isError: true });
    }
  };
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        {t("projects.trainings.rollCall")}
      </Title>
      <Text size="sm" c="dimmed">
        {t("projects.trainings.daysRequired", { required: session.daysRequired, days: session.days })}
      </Text>
      <NativeSelect
        w={220}
        label={t("projects.trainings.rollCallDay")}
        value={day}
        onChange={(e) => choose(e.currentTarget.value)}
        data={days.map((d) => ({ value: d, label: formatPlainDate(d, locale) }))}
      />
      {session.participants.map((p) => (
        <Checkbox
          key={p.person.id}
          label={personName(p.person)}
          checked={present.has(p.person.id)}
          onChange={(e) => toggle(p.person.id, e.currentTarget.checked)}
        />
      ))}
      <Row>
        <Button size="compact-sm" onClick={() => void save()}>
          {t("projects.trainings.rollCallSave")}
        </Button>
      </Row>
      {message && (
        <Alert color={message.isError ? "red" : "green"} role={message.isError ? "alert" : "status"} p="xs">
          {message.text}
        </Alert>
      )}
    </Stack>
  );
}

function ParticipantRow(props: {
  readonly session: TrainingSession;
  readonly participant: TrainingSession["participants"][number];
  readonly onSaved: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const request = useApiRequest();
  const errorMessage = useErrorMessage();
  const { participant: p } = props;
  const [days, setDays] = useState(String(p.daysAttended));
  const [pre, setPre] = useState(p.preScore === null ? "" : String(p.preScore));
  const [post, setPost] = useState(p.postScore === null ? "" : String(p.postScore));
  const [error, setError] = useState<string | null>(null);
  const score = (text: string) => (text.trim() === "" ? null : Number.parseInt(text, 10));
  const save = async () => {
    setError(null);
    try {
      await request(api.participant(props.session.id, p.person.id), {
        method: "PATCH",
        body: { daysAttended: Number.parseInt(days, 10) || 0, preScore: score(pre), postScore: score(post) },
      });
      props.onSaved();
    } catch (caught) {
      setError(errorMessage(caught));
    }
  };
  const name = personName(p.person);
  return (
    <Table.Tr>
      <Table.Td>{name}</Table.Td>
      <Table.Td>
        {p.partnerOrganization !== null
          ? t("projects.trainings.partner", { name: p.partnerOrganization })
          : t("projects.trainings.group")}
      </Table.Td>
      <Table.Td>
        <TextInput
          w={80}
          aria-label={`${t("projects.trainings.daysAttended")}: ${name}`}
          value={days}
          onChange={(e) => setDays(e.currentTarget.value)}
        />
      </Table.Td>
      <Table.Td>
        <TextInput
          w={80}
          aria-label={`${t("projects.trainings.preScore")}: ${name}`}
          value={pre}
          onChange={(e) => setPre(e.currentTarget.value)}
        />
      </Table.Td>
      <Table.Td>
        <TextInput
          w={80}
          aria-label={`${t("projects.trainings.postScore")}: ${name}`}
          value={post}
          onChange={(e) => setPost(e.currentTarget.value)}
        />
      </Table.Td>
      <Table.Td>
        <Row gap="xs" wrap="nowrap">
          <Button size="compact-sm" onClick={() => void save()}>
            {t("projects.trainings.save")}
          </Button>
          {p.hasCompleted && (
            <Anchor
              href={`${api.participant(props.session.id, p.person.id)}/certificate?locale=${locale === "en" ? "en" : locale}`}
              aria-label={t("projects.trainings.certificateNamed", { name })}
            >
              {t("projects.trainings.certificate")}
            </Anchor>
          )}
        </Row>
        {error !== null && (
          <Alert color="red" role="alert" p="xs" mt={4}>
            {error}
          </Alert>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
