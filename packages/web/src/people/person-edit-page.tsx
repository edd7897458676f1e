import type { Person } from "@moldir/contract";
import { useParams } from "wouter";
import { useApiResource } from "../api/use-api";
import { ResourceView } from "../layout/resource-view";
import { personApi } from "./people-api";
import PersonFormPage from "./person-form-page";

/** Corrects a person's record: the form of a new person, filled with hers. */
export default function PersonEditPage() {
  const { personId = "" } = useParams<{ personId: string }>();
  const { resource, reload } = useApiResource<Person>(personApi(personId));
  return (
    <ResourceView resource={resource} onRetry={reload}>
      {(person) => <PersonFormPage key={person.version} person={person} />}
    </ResourceView>
  );
}
