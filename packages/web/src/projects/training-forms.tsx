/**
 * Courses and sessions of the training calendar: add or correct a course (with the share of a session's days a
 * certificate needs, entered in percent and sent in basis points) and schedule or correct a session.
 */
import "@mantine/core/styles/Table.css";
import { Button, NativeSelect, Paper, Group as Row, Stack, Table, TextInput, Title } from "@mantine/core";
import type { Course, TrainingSession } from "@moldir/contract";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useApiRequest, useApiResource, useErrorMessage } from "../api/use-api";
import { type FormMessage, FormNotice } from "../layout/form-notice";

const topics = [
  "self_help_concept",
  "group_bookkeeping",
  "financial_literacy",
  "federation_management",
  "other",
] as const;

const api = {
  courses: "/api/v1/training-courses",
  course: (id: string) => `/api/v1/training-courses/${encodeURIComponent(id)}`,
  sessions: "/api/v1/training-sessions",
  session: (id: string) => `/api/v1/training-sessions/${encodeURIComponent(id)}`,
} as const;

/** The courses, each correctable, and a form for a new one. */
export function CoursesSection({ onChanged }: { readonly onChanged: () => void }) {
  const { t } = useTranslation();
  const courses = useApiResource<{ items: Course[] }>(api.courses);
  const [editing, setEditing] = useState<Course | null>(null);
  const changed = () => {
    setEditing(null);
    courses.reload();
    onChanged();
  };
  return (
    <Paper withBorder p="md">
      <Stack gap="xs">
        <Title order={2} size="h4">
          {t("projects.trainings.courses")}
        </Title>
        {courses.resource.status === "loaded" && (
          <Table aria-label={t("projects.trainings.courses")}>
            <Table.Tbody>
              {courses.resource.data.items.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>{c.name}</Table.Td>
                  <Table.Td>{t(`projects.builder.topics.${c.topic}`)}</Table.Td>
                  <Table.Td>
                    {t("projects.trainings.sharePercent", { percent: c.certificateShareBps / 100 })}
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="compact-sm"
                      variant="light"
                      onClick={() => setEditing(c)}
                      aria-label={t("projects.trainings.editNamed", { name: c.name })}
                    >
                      {t("projects.trainings.edit")}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <CourseForm key={editing?.id ?? "new"} course={editing} onSaved={changed} />
        <SessionForm
          session={null}
          courses={courses.resource.status === "loaded" ? courses.resource.data.items : []}
          onSaved={changed}
        />
      </Stack>
    </Paper>
  );
}

function CourseForm(props: { readonly course: Course | null; readonly onSaved: () => void }) {
  const { t } = useTranslation();
  const request = useApiRequest();
  const errorMessage = useErrorMessage();
  const { course } = props;
  const [name, setName] = useState(course?.name ?? "");
  const [topic, setTopic] = useState<string>(course?.topic ?? "financial_literacy");
  const [hours, setHours] = useState(course === null ? "" : String(course.hours));
  const [percent, setPercent] = useState(course === null ? "100" : String(course.certificateShareBps / 100));
  const [message, setMessage] = useState<FormMessage>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const hoursValue = Number.parseInt(hours, 10);
    const percentValue = Number(percent.replace(",", "."));
    if (name.trim() === "" || !(hoursValue >= 1) || !(percentValue > 0 && percentValue <= 100)) {
      setMessage({ text: t("projects.trainings.courseInvalid"), isError: true });
      return;
    }
    setMessage(null);
    try {
      await request(course === null ? api.courses : api.course(course.id), {
        method: course === null ? "POST" : "PATCH",
        body: {
          name: name.trim(),
          topic,
          hours: hoursValue,
          certificateShareBps: Math.round(percentValue * 100),
        },
      });
      setMessage({ text: t("projects.trainings.courseSaved"), isError: false });
      props.onSaved();
    } catch (caught) {
      setMessage({ text: errorMessage(caught), isError: true });
    }
  };
  return (
    <form
      onSubmit={submit}
      aria-label={course === null ? t("projects.trainings.newCourse") : t("projects.trainings.editCourse")}
    >
      <Stack gap="xs">
        <Title order={3} size="h5">
          {course === null ? t("projects.trainings.newCourse") : t("projects.trainings.editCourse")}
        </Title>
        <Row align="end" wrap="wrap">
          <TextInput
            label={t("projects.trainings.courseName")}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
          />
          <NativeSelect
            label={t("projects.builder.topic")}
            value={topic}
            onChange={(e) => setTopic(e.currentTarget.value)}
            data={topics.map((k) => ({ value: k, label: t(`projects.builder.topics.${k}`) }))}
          />
          <TextInput
            label={t("projects.trainings.hours")}
            value={hours}
            onChange={(e) => setHours(e.currentTarget.value)}
            w={100}
          />
          <TextInput
            label={t("projects.trainings.certificateShare")}
            value={percent}
            onChange={(e) => setPercent(e.currentTarget.value)}
            w={200}
          />
          <Button type="submit">{t("projects.trainings.saveCourse")}</Button>
        </Row>
        <FormNotice message={message} />
      </Stack>
    </form>
  );
}

/** Schedules a session of a course, or corrects one (its course stays). */
export function SessionForm(props: {
  readonly session: Omit<TrainingSession, "participants"> | null;
  readonly courses: readonly Course[];
  readonly onSaved: () => void;
}) {
  const { t } = useTranslation();
  const request = useApiRequest();
  const errorMessage = useErrorMessage();
  const { session } = props;
  const [courseId, setCourseId] = useState("");
  // Until one is chosen, the first course listed (the list may arrive after the form).
  const chosenCourseId = courseId === "" ? (props.courses[0]?.id ?? "") : courseId;
  const [place, setPlace] = useState(session?.place ?? "");
  const [startsOn, setStartsOn] = useState(session?.startsOn ?? "");
  const [endsOn, setEndsOn] = useState(session?.endsOn ?? "");
  const [message, setMessage] = useState<FormMessage>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (
      place.trim() === "" ||
      startsOn === "" ||
      endsOn === "" ||
      (session === null && chosenCourseId === "")
    ) {
      setMessage({ text: t("projects.trainings.sessionInvalid"), isError: true });
      return;
    }
    setMessage(null);
    try {
      await request(session === null ? api.sessions : api.session(session.id), {
        method: session === null ? "POST" : "PATCH",
        body: {
          ...(session === null ? { courseId: chosenCourseId } : {}),
          place: place.trim(),
          startsOn,
          endsOn,
        },
      });
      setMessage({ text: t("projects.trainings.sessionSaved"), isError: false });
      props.onSaved();
    } catch (caught) {
      setMessage({ text: errorMessage(caught), isError: true });
    }
  };
  const title = session === null ? t("projects.trainings.newSession") : t("projects.trainings.editSession");
  return (
    <form onSubmit={submit} aria-label={title}>
      <Stack gap="xs">
        <Title order={3} size="h5">
          {title}
        </Title>
        <Row align="end" wrap="wrap">
          {session === null && (
            <NativeSelect
              label={t("projects.trainings.course")}
              value={chosenCourseId}
              onChange={(e) => setCourseId(e.currentTarget.value)}
              data={props.courses.map((c) => ({ value: c.id, label: c.name }))}
            />
          )}
          <TextInput
            label={t("projects.trainings.place")}
            value={place}
            onChange={(e) => setPlace(e.currentTarget.value)}
          />
          <TextInput
            type="date"
            label={t("projects.trainings.startsOn")}
            value={startsOn}
            onChange={(e) => setStartsOn(e.currentTarget.value)}
          />
          <TextInput
            type="date"
            label={t("projects.trainings.endsOn")}
            value={endsOn}
            onChange={(e) => setEndsOn(e.currentTarget.value)}
          />
          <Button type="submit">{t("projects.trainings.saveSession")}</Button>
        </Row>
        <FormNotice message={message} />
      </Stack>
    </form>
  );
}
