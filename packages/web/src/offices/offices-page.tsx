import "@mantine/core/styles/EmptyState.css";
import "@mantine/core/styles/ModalBase.css";
import "@mantine/core/styles/Modal.css";
import "@mantine/core/styles/Overlay.css";
import "@mantine/core/styles/Combobox.css";
import "@mantine/core/styles/Popover.css";
import "@mantine/core/styles/Fieldset.css";
import {
  Alert,
  Box,
  Button,
  EmptyState,
  Fieldset,
  Group,
  Modal,
  Select,
  Stack,
  Text,
  TextInput,
} from "@mantine/core";
import type { Office, Region } from "@moldir/contract";
import { limits } from "@moldir/domain";
import { type FormEvent, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useApiRequest, useApiResource, useErrorMessage } from "../api/use-api";
import { type LocalizedNames, nameIn } from "../i18n/names";
import { useLocale } from "../i18n/use-locale";
import { PageHeader } from "../layout/page-header";
import { problem } from "../layout/problem";
import { ResourceView } from "../layout/resource-view";
import { RegionSelect, regionLabel } from "../regions/region-select";
import { hasPermission, useSignedInSession } from "../session/session-context";
import { buildOfficeTree, type OfficeNode, officeWithDescendants } from "./office-tree";

type Dialog =
  | { readonly kind: "none" }
  | { readonly kind: "create"; readonly parentId: string | null }
  | { readonly kind: "edit"; readonly office: Office };

/** The organization's offices (branches) as a tree: add one, rename it, move it under another. */
export default function OfficesPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const mayManage = hasPermission(useSignedInSession(), "offices.manage");
  const offices = useApiResource<{ items: Office[] }>("/api/v1/offices");
  const regionsResource = useApiResource<{ items: Region[] }>("/api/v1/regions");
  const regions = regionsResource.resource.status === "loaded" ? regionsResource.resource.data.items : [];
  const [dialog, setDialog] = useState<Dialog>({ kind: "none" });
  const [notice, setNotice] = useState<string | null>(null);
  const close = () => setDialog({ kind: "none" });
  const regionById = useMemo(() => new Map(regions.map((region) => [region.id, region])), [regions]);

  return (
    <Stack gap={0}>
      <PageHeader
        title={t("offices.title")}
        description={t("offices.description")}
        actions={
          mayManage && (
            <Button onClick={() => setDialog({ kind: "create", parentId: null })}>
              {t("offices.create")}
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
      <ResourceView resource={offices.resource} onRetry={offices.reload}>
        {({ items }) => {
          if (items.length === 0) {
            return <EmptyState title={t("offices.emptyTitle")} description={t("offices.emptyDescription")} />;
          }
          const tree = buildOfficeTree(items, (a, b) =>
            nameIn(a.names, locale).localeCompare(nameIn(b.names, locale), locale),
          );
          const regionOf = (office: Office) => {
            const region = office.regionId === null ? undefined : regionById.get(office.regionId);
            return region === undefined ? null : regionLabel(region, regionById, locale);
          };
          return (
            <Box component="ul" aria-label={t("offices.treeLabel")} p={0} m={0} style={{ listStyle: "none" }}>
              {tree.map((node) => (
                <OfficeItem
                  key={node.office.id}
                  node={node}
                  mayManage={mayManage}
                  regionOf={regionOf}
                  onEdit={(office) => setDialog({ kind: "edit", office })}
                  onAddInside={(office) => setDialog({ kind: "create", parentId: office.id })}
                />
              ))}
            </Box>
          );
        }}
      </ResourceView>
      {dialog.kind !== "none" && offices.resource.status === "loaded" && (
        <OfficeModal
          dialog={dialog}
          offices={offices.resource.data.items}
          regions={regions}
          onClose={close}
          onSaved={(office, isNew) => {
            close();
            const name = nameIn(office.names, locale);
            setNotice(isNew ? t("offices.created", { name }) : t("offices.saved", { name }));
            offices.reload();
          }}
        />
      )}
    </Stack>
  );
}

interface OfficeItemProps {
  readonly node: OfficeNode;
  readonly mayManage: boolean;
  readonly regionOf: (office: Office) => string | null;
  readonly onEdit: (office: Office) => void;
  readonly onAddInside: (office: Office) => void;
}

function OfficeItem({ node, mayManage, regionOf, onEdit, onAddInside }: OfficeItemProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const name = nameIn(node.office.names, locale);
  const region = regionOf(node.office);
  return (
    <li>
      <Group
        gap="sm"
        py={6}
        px="xs"
        justify="space-between"
        wrap="nowrap"
        style={{ borderBottom: "1px solid var(--mantine-color-default-border)" }}
      >
        <div>
          <Text fw={500}>{name}</Text>
          {region !== null && (
            <Text size="xs" c="dimmed">
              {region}
            </Text>
          )}
        </div>
        {mayManage && (
          <Group gap="xs" wrap="nowrap">
            <Button
              size="compact-sm"
              variant="light"
              onClick={() => onEdit(node.office)}
              aria-label={t("offices.editNamed", { name })}
            >
              {t("offices.edit")}
            </Button>
            <Button
              size="compact-sm"
              variant="subtle"
              onClick={() => onAddInside(node.office)}
              aria-label={t("offices.addInsideNamed", { name })}
            >
              {t("offices.addInside")}
            </Button>
          </Group>
        )}
      </Group>
      {node.children.length > 0 && (
        <Box component="ul" pl="lg" m={0} style={{ listStyle: "none" }}>
          {node.children.map((child) => (
            <OfficeItem
              key={child.office.id}
              node={child}
              mayManage={mayManage}
              regionOf={regionOf}
              onEdit={onEdit}
              onAddInside={onAddInside}
            />
          ))}
        </Box>
      )}
    </li>
  );
}

interface OfficeModalProps {
  readonly dialog: Exclude<Dialog, { kind: "none" }>;
  readonly offices: readonly Office[];
  readonly regions: readonly Region[];
  readonly onClose: () => void;
  readonly onSaved: (office: Office, isNew: boolean) => void;
}

const noParent = "none";
type NameField = keyof LocalizedNames;
const nameFields: readonly NameField[] = ["kk", "ru", "en"];

/** One form to add an office, or to rename it, move it or set its region. */
function OfficeModal({ dialog, offices, regions, onClose, onSaved }: OfficeModalProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const request = useApiRequest();
  const errorMessage = useErrorMessage();
  const editing = dialog.kind === "edit" ? dialog.office : null;
  const [names, setNames] = useState<LocalizedNames>(editing?.names ?? { kk: "", ru: "", en: "" });
  const [parent, setParent] = useState<string>(
    (dialog.kind === "edit" ? dialog.office.parentId : dialog.parentId) ?? noParent,
  );
  const [regionId, setRegionId] = useState<string | null>(editing?.regionId ?? null);
  const [errors, setErrors] = useState<Partial<Record<NameField, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [isSubmitting, setIsSubmitting] = useState(false);

  // An office cannot move under itself or under an office below it.
  const excluded = editing === null ? new Set<string>() : officeWithDescendants(offices, editing.id);
  const parentOptions = [
    { value: noParent, label: t("offices.topLevel") },
    ...offices
      .filter((office) => !excluded.has(office.id))
      .map((office) => ({ value: office.id, label: nameIn(office.names, locale) }))
      .sort((a, b) => a.label.localeCompare(b.label, locale)),
  ];

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const missing: Partial<Record<NameField, string>> = {};
    for (const field of nameFields)
      if (names[field].trim() === "") missing[field] = t("offices.nameRequired");
    setErrors(missing);
    setFormError(null);
    if (Object.keys(missing).length > 0) return;
    const trimmed = { kk: names.kk.trim(), ru: names.ru.trim(), en: names.en.trim() };
    const parentId = parent === noParent ? null : parent;
    setIsSubmitting(true);
    try {
      if (editing === null) {
        const office = await request<Office>("/api/v1/offices", {
          method: "POST",
          body: { parentId, names: trimmed, regionId },
        });
        onSaved(office, true);
      } else {
        const office = await request<Office>(`/api/v1/offices/${encodeURIComponent(editing.id)}`, {
          method: "PATCH",
          body: { version: editing.version, parentId, names: trimmed, regionId },
        });
        onSaved(office, false);
      }
    } catch (caught) {
      setFormError(errorMessage(caught));
      setIsSubmitting(false);
    }
  };

  const title =
    editing === null ? t("offices.create") : t("offices.editNamed", { name: nameIn(editing.names, locale) });
  return (
    <Modal
      opened
      onClose={onClose}
      title={title}
      size="lg"
      closeButtonProps={{ "aria-label": t("common.close") }}
    >
      <form noValidate onSubmit={onSubmit}>
        <Stack gap="sm">
          {formError !== null && (
            <Alert color="red" role="alert">
              {formError}
            </Alert>
          )}
          <Fieldset legend={t("offices.names")} variant="unstyled">
            <Stack gap="xs">
              {nameFields.map((field, index) => (
                <TextInput
                  key={field}
                  label={t(`offices.nameIn.${field}`)}
                  required
                  maxLength={limits.nameMaxLength}
                  value={names[field]}
                  onChange={(event) => {
                    const text = event.currentTarget.value;
                    setNames((current) => ({ ...current, [field]: text }));
                  }}
                  data-autofocus={index === 0 ? true : undefined}
                  {...problem(errors[field])}
                />
              ))}
            </Stack>
          </Fieldset>
          <Select
            label={t("offices.parent")}
            data={parentOptions}
            value={parent}
            allowDeselect={false}
            searchable
            onChange={(value) => setParent(value ?? noParent)}
            comboboxProps={{ withinPortal: true }}
          />
          <RegionSelect regions={regions} value={regionId} onChange={setRegionId} />
          <Group justify="flex-end" mt="sm">
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
